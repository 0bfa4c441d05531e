"""A KG behind a SPARQL 1.1 endpoint (Virtuoso, Oxigraph, Fuseki, a hosted Wikidata mirror…).

    kg = load_kg("sparql+http://127.0.0.1:8890/sparql")          # or:
    kg = SparqlKG("http://127.0.0.1:8890/sparql", SparqlMapping(languages=("zh",)), timeout_s=5)

The mapping (`SparqlMapping`, every field documented there): a resource's *name* is its
`rdfs:label` (or `skos:prefLabel`), a `zh` label preferred, then an untagged one, then any, else
its IRI's local name; a literal object is a value named by its text; *aliases* are `skos:altLabel`
and every relation named like an alias relation (别名, 又名, 英文名 … see kg.linking) under the
relation namespace; a predicate's relation name is the rest of its IRI after `relation_namespace`,
or its local name. Resources sharing a name are one entity, as in the in-memory RDF loader.
`kg.sparql_client.write_ntriples` writes a TSV's triples in exactly this mapping.

What one call costs: one query links all of a call's mentions (exact, alias, spelling variants of
the normalised form, and a label-prefix search for disambiguation suffixes — the one part that
scans labels on most stores; `suffix_search=False` turns it off), one query reads the candidates'
edges (at most `edge_limit`), one more for two-hop paths; fuzzy linking reads up to `fuzzy_limit`
names once, on the first miss, and is off above that. Results have no order in SPARQL: relations
and values come sorted by name. Bad endpoints raise `SparqlError` naming the endpoint and reason.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from kg.base import Triple
from kg.linking import ALIAS_RELATIONS, default_lexicon, normalise, split_alias_value, strip_suffix
from kg.queries import NO_EDGES, GraphQueries, Keyed, mention_forms
from kg.sparql_client import DEFAULT_NAMESPACE, RDFS_LABEL, SKOS_ALT, SKOS_PREF, Endpoint, iri, literal, term

LABEL, ALIAS_HIT, VALUE, PREFIX = "0", "1", "2", "3"
CACHE_LIMIT = 20_000  # nodes remembered between calls; cleared when full (a long chat, a live KG)


@dataclass(frozen=True)
class SparqlMapping:
    labels: tuple[str, ...] = (RDFS_LABEL, SKOS_PREF)  # predicates whose literal is a resource's name
    aliases: tuple[str, ...] = (SKOS_ALT,)  # predicates whose literal is another name of it
    languages: tuple[str, ...] = ("zh", "zh-cn", "zh-hans")  # label tags tried, best first; then untagged
    relation_namespace: str = DEFAULT_NAMESPACE + "r/"  # relation IRIs: this prefix + percent-encoded name
    alias_relations: frozenset[str] = field(default=ALIAS_RELATIONS)  # relation names read as aliases too

    def alias_predicates(self) -> list[str]:
        named = [self.relation_namespace + urllib.parse.quote(r, safe="") for r in sorted(self.alias_relations)]
        return list(dict.fromkeys([*self.aliases, *named]))


class _Node:
    __slots__ = ("terms", "out", "inn", "fetched")

    def __init__(self) -> None:
        self.terms: set[str] = set()
        self.out: dict[str, list[str]] = {}
        self.inn: dict[str, list[str]] = {}
        self.fetched = False


class SparqlKG(GraphQueries):
    """Implements `kg.base.KnowledgeGraph` and `kg.base.KGVocabulary` over a SPARQL endpoint."""

    def __init__(self, endpoint: str, mapping: SparqlMapping | None = None, *, timeout_s: float = 10.0,
                 graph: str | None = None, edge_limit: int = 10_000, fuzzy_limit: int = 200_000,
                 suffix_search: bool = True, headers: dict[str, str] | None = None) -> None:
        """`graph`: query only this named graph (else the endpoint's default graph); `timeout_s`
        per query; `headers` e.g. for an Authorization token."""
        self.endpoint = Endpoint(endpoint, timeout_s=timeout_s, graph=graph, headers=headers)
        self.mapping = mapping or SparqlMapping()
        self.lexicon = default_lexicon()
        self.alias_relations = self.mapping.alias_relations
        self.edge_limit, self.fuzzy_limit, self.suffix_search = edge_limit, fuzzy_limit, suffix_search
        self._labels = set(self.mapping.labels)
        self._nodes: dict[str, _Node] = {}
        self._exact: dict[str, bool] = {}  # surface form → a node has exactly this name
        self._keys: dict[str, Keyed] = {}
        self._fuzzy: list[str] | None = None
        self._fuzzy_names: dict[str, list[str]] = {}
        self._relations: list[str] | None = None
        self._spelling_cache: dict[str, list[str]] | None = None
        self.endpoint.select("SELECT * WHERE { } LIMIT 1")  # fail now, with the endpoint's name, if it is down

    # ------------------------------------------------------------------ naming terms

    def _relation_name(self, predicate: str) -> str:
        namespace = self.mapping.relation_namespace
        rest = predicate[len(namespace):] if namespace and predicate.startswith(namespace) else _local(predicate)
        return urllib.parse.unquote(rest)

    def _label_rank(self, binding: dict) -> tuple[int, str]:
        lang = (binding.get("xml:lang") or "").lower()
        order = self.mapping.languages
        rank = order.index(lang) if lang in order else len(order) + (0 if not lang else 1)
        return rank, binding["value"]

    def _name_of(self, binding: dict, labels: list[dict]) -> str:
        if binding["type"] != "uri":
            return binding["value"]
        return min(labels, key=self._label_rank)["value"] if labels else urllib.parse.unquote(_local(binding["value"]))

    def _node(self, name: str) -> _Node:
        node = self._nodes.get(name)
        if node is None:
            if len(self._nodes) >= CACHE_LIMIT:
                self._nodes.clear()
                self._exact.clear()
                self._keys.clear()
            node = self._nodes[name] = _Node()
        return node

    # ------------------------------------------------------------------ linking: one query per batch of mentions

    def _forms(self, mention: str) -> tuple[set[str], set[str], list[str]]:
        """(exact spellings to look up, prefixes for suffixed names, keys this lookup settles)."""
        key = normalise(mention)
        keys = [key]
        base = strip_suffix(key) if key.endswith(")") else key
        if base != key:
            keys.append(base)
        spellings = {mention, key}
        for k in keys:
            # The spellings a graph may store for a normalised key: SPARQL cannot normalise labels.
            spellings |= {k, f"《{k}》", k.title(), k.upper(), k.replace("·", "•")}
        for text in (mention, strip_suffix(mention)):
            spellings |= {text, " ".join(text.split()), " ".join(text.split()).title()}
        prefixes = {p for k in keys for p in (k, strip_suffix(mention))} if self.suffix_search else set()
        return {s for s in spellings if s}, {p for p in prefixes if p}, keys

    def _resolve(self, mentions: Iterable[str]) -> None:
        spellings: set[str] = set()
        prefixes: set[str] = set()
        keys: list[str] = []
        for mention in mentions:
            if mention in self._exact and normalise(mention) in self._keys:
                continue
            s, p, k = self._forms(mention)
            spellings |= s
            prefixes |= p
            keys += k
        if not spellings:
            return
        rows = self.endpoint.select(self._resolve_query(sorted(spellings), sorted(prefixes)))
        found: dict[str, tuple[dict, list[dict], set[tuple[str, str]]]] = {}  # node term → (binding, labels, hits)
        for row in rows:
            node = row.get("node")
            if node is None or node["type"] == "bnode" or "how" not in row or "form" not in row:
                continue
            entry = found.setdefault(term(node), (node, [], set()))
            if "name" in row and row["name"]["type"] == "literal":
                entry[1].append(row["name"])
            entry[2].add((row["how"]["value"], row["form"]["value"]))
        names: dict[str, list[tuple[str, str]]] = {}  # name → (how, form) hits
        for node_term, (binding, labels, hits) in found.items():
            name = self._name_of(binding, labels)
            self._node(name).terms.add(node_term)
            names.setdefault(name, []).extend(hits)
        for form in spellings:
            self._exact.setdefault(form, False)
        for name in names:
            self._exact[name] = True
        for k in keys:
            alias = [n for n, hits in names.items() if any(how in (ALIAS_HIT, LABEL) and normalise(f) == k and f != n
                                                           for how, f in hits) and normalise(n) != k]
            norm = [n for n in names if normalise(n) == k and n != k]
            base = [n for n in names if n.endswith((")", "）")) and strip_suffix(normalise(n)) == k]
            self._keys[k] = Keyed(sorted(alias), sorted(norm), sorted(base))

    def _resolve_query(self, spellings: list[str], prefixes: list[str]) -> str:
        tags = [None, *self.mapping.languages]
        pairs = " ".join(f"({literal(s)} {literal(s, tag)})" for s in spellings for tag in tags)
        labels = " ".join(iri(p) for p in self.mapping.labels)
        aliases = " ".join(iri(p) for p in self.mapping.alias_predicates())
        parts = [
            f"{{ VALUES (?form ?lit) {{ {pairs} }} VALUES ?lp {{ {labels} }} ?node ?lp ?lit . BIND({LABEL} AS ?how) }}",
            f"{{ VALUES (?form ?lit) {{ {pairs} }} VALUES ?ap {{ {aliases} }} ?node ?ap ?lit . BIND({ALIAS_HIT} AS ?how) }}",
            f"{{ SELECT DISTINCT ?form ?node ?how WHERE {{ VALUES (?form ?node) {{ {pairs} }} ?x ?p ?node . BIND({VALUE} AS ?how) }} }}",
        ]
        if prefixes:
            starts = " || ".join(f"STRSTARTS(STR(?l), {literal(p + bracket)})" for p in prefixes for bracket in ("（", "(", " ("))
            parts.append(f"{{ VALUES ?lp {{ {labels} }} ?node ?lp ?l . FILTER(isLiteral(?l) && ({starts})) "
                         f"BIND(STR(?l) AS ?form) BIND({PREFIX} AS ?how) }}")
        return (f"SELECT ?form ?how ?node ?name WHERE {{ {' UNION '.join(parts)} "
                f"OPTIONAL {{ VALUES ?np {{ {labels} }} ?node ?np ?name }} }} LIMIT {self.edge_limit}")

    def _has(self, name: str) -> bool:
        if name not in self._exact:
            self._resolve([name])
        return self._exact.get(name, False)

    def _keyed(self, key: str) -> Keyed:
        if key not in self._keys:
            self._resolve([key])
        return self._keys.get(key, Keyed())

    def _candidates(self, mention: str) -> list[tuple[str, int]]:
        self._resolve([mention.strip()])  # every spelling the linker asks about, in one query
        return super()._candidates(mention)

    def _warm(self, names: Iterable[str]) -> None:
        self._fetch(names)  # ranking candidates or paths reads each one's edges: one query for all

    def _fuzzy_index(self) -> list[str]:
        if self._fuzzy is None:
            predicates = " ".join(iri(p) for p in [*self.mapping.labels, *self.mapping.alias_predicates()])
            rows = self.endpoint.select(f"SELECT DISTINCT ?name WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?name . "
                                        f"FILTER(isLiteral(?name)) }} LIMIT {self.fuzzy_limit + 1}")
            self._fuzzy_names = {}
            if len(rows) <= self.fuzzy_limit:  # above the limit fuzzy linking is off: a partial list would mislead
                for row in rows:
                    self._fuzzy_names.setdefault(normalise(row["name"]["value"]), []).append(row["name"]["value"])
            self._fuzzy = [k for k in self._fuzzy_names if k]
        return self._fuzzy

    def _names_for_key(self, key: str) -> list[str]:
        spelled = self._fuzzy_names.get(key, [])
        if spelled:
            self._resolve(spelled)
        names = super()._names_for_key(key)
        return names + [n for s in spelled for n in ([s] if self._exact.get(s) else []) if n not in names]

    # ------------------------------------------------------------------ edges: one query per batch of nodes

    def _fetch(self, names: Iterable[str]) -> None:
        todo = [n for n in dict.fromkeys(names) if not self._node(n).fetched]
        terms = {t: n for n in todo for t in self._node(n).terms}
        for n in todo:
            self._nodes[n].fetched = True
        if not terms:
            return
        labels = " ".join(iri(p) for p in self.mapping.labels)
        name_it = f"OPTIONAL {{ VALUES ?np {{ {labels} }} ?other ?np ?oname }}"
        # Literals only in the object position: Virtuoso 7.2 garbles the OPTIONAL of a branch
        # that put a literal in the subject position (rows without ?node).
        resources = " ".join(t for t in terms if t.startswith("<"))
        branches = [f"{{ VALUES ?node {{ {' '.join(terms)} }} ?other ?p ?node . BIND(1 AS ?dir) {name_it} }}"]
        if resources:
            branches.insert(0, f"{{ VALUES ?node {{ {resources} }} ?node ?p ?other . BIND(0 AS ?dir) {name_it} }}")
        rows = self.endpoint.select(f"SELECT ?node ?dir ?p ?other ?oname WHERE {{ {' UNION '.join(branches)} }} LIMIT {self.edge_limit}")
        edges: dict[tuple[str, str, str, str], list[dict]] = {}  # (node term, dir, predicate, other term) → other's labels
        others: dict[str, dict] = {}
        for row in rows:
            other = row.get("other")
            if other is None or "node" not in row or other["type"] == "bnode":
                continue  # a blank node cannot be named in a later query
            key = (term(row["node"]), row["dir"]["value"], row["p"]["value"], term(other))
            bucket = edges.setdefault(key, [])
            others[key[3]] = other
            if "oname" in row and row["oname"]["type"] == "literal":
                bucket.append(row["oname"])
        for (node_term, direction, predicate, other_term), labels_of in edges.items():
            name = terms.get(node_term)
            if name is None:
                continue
            other_name = self._name_of(others[other_term], labels_of)
            if predicate in self._labels and other_name == name:
                continue  # the label that is the node's name is not also a fact of it
            self._node(other_name).terms.add(other_term)
            target = self._nodes[name].out if direction == "0" else self._nodes[name].inn
            bucket_values = target.setdefault(self._relation_name(predicate), [])
            if other_name not in bucket_values:
                bucket_values.append(other_name)
        for n in todo:
            node = self._nodes[n]
            node.out = {r: sorted(node.out[r]) for r in sorted(node.out)}
            node.inn = {r: sorted(node.inn[r]) for r in sorted(node.inn)}

    def _edges_of(self, name: str) -> _Node:
        node = self._node(name)
        if not node.fetched:
            if not node.terms:
                self._resolve([name])
            self._fetch([name])
        return node

    def is_entity(self, name: str) -> bool:
        return bool(self._edges_of(name).out)

    def _out(self, name: str) -> Mapping[str, Sequence[str]]:
        return self._edges_of(name).out or NO_EDGES

    def _in(self, name: str) -> Mapping[str, Sequence[str]]:
        return self._edges_of(name).inn or NO_EDGES

    def _aliases_of(self, name: str) -> list[str]:
        rels = self._out(name)
        alias_names = self.alias_relations | {_local(p) for p in self.mapping.aliases}
        return list(dict.fromkeys(v for r in rels if r in alias_names for v in rels[r] if v != name))

    def stats(self) -> dict:
        """What `agent kg stats` shows: two counting queries, bounded by the endpoint's timeout."""
        rows = self.endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        top = self.endpoint.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10")
        return {
            "endpoint": self.endpoint.url,
            "graph": self.endpoint.graph or "(default)",
            "triples": int(rows[0]["n"]["value"]) if rows else 0,
            "relations": len(self.relation_names()),
            "top_relations": [[self._relation_name(r["p"]["value"]), int(r["n"]["value"])] for r in top],
        }

    # ------------------------------------------------------------------ vocabulary (reads the whole endpoint)

    @property
    def _spellings(self) -> dict[str, list[str]]:  # type: ignore[override]
        """Read on the first relation lookup, not at open: DISTINCT ?p scans some stores."""
        if self._spelling_cache is None:
            self._spelling_cache = {}
            for relation in self.relation_names():
                bucket = self._spelling_cache.setdefault(normalise(relation), [])
                if relation not in bucket:
                    bucket.append(relation)
        return self._spelling_cache

    def relation_names(self) -> list[str]:
        if self._relations is None:
            rows = self.endpoint.select(f"SELECT DISTINCT ?p WHERE {{ ?s ?p ?o }} LIMIT {self.fuzzy_limit}")
            self._relations = sorted({self._relation_name(r["p"]["value"]) for r in rows})
        return self._relations

    def _all_names(self) -> list[str]:
        """Every node's name, its edges fetched in batches: the whole graph, for small endpoints
        (the offline planner's mention index and the synthesiser read it; an LLM planner never does)."""
        labels = " ".join(iri(p) for p in self.mapping.labels)
        rows = self.endpoint.select(f"SELECT ?s ?l WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(!isBlank(?s)) }} }} "
                                    f"OPTIONAL {{ VALUES ?lp {{ {labels} }} ?s ?lp ?l FILTER(isLiteral(?l)) }} }}")
        subjects: dict[str, tuple[dict, list[dict]]] = {}
        for row in rows:
            entry = subjects.setdefault(term(row["s"]), (row["s"], []))
            if "l" in row:
                entry[1].append(row["l"])
        names: dict[str, None] = {}
        for node_term, (binding, labels_of) in subjects.items():
            name = self._name_of(binding, labels_of)
            self._node(name).terms.add(node_term)
            names[name] = None
        for row in self.endpoint.select("SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"):
            self._node(row["o"]["value"]).terms.add(term(row["o"]))
            names[row["o"]["value"]] = None
        ordered = sorted(names)
        for start in range(0, len(ordered), 200):
            self._fetch(ordered[start:start + 200])
        return [n for n in ordered if self._nodes[n].out or self._nodes[n].inn]

    def triples(self) -> Iterator[Triple]:
        for name in self._all_names():
            for r, objs in self._out(name).items():
                for o in objs:
                    yield Triple(name, r, o)

    def mentions(self) -> Iterator[tuple[str, str]]:
        names = self._all_names()
        pairs = [(part, name) for name in names for alias in self._aliases_of(name) for part in split_alias_value(alias)]
        return mention_forms(names, pairs)


def _local(value: str) -> str:
    for sep in ("#", "/", ":"):
        if sep in value.rstrip(sep):
            return value.rstrip(sep).rsplit(sep, 1)[1]
    return value
