"""Check the held-out set 7 files against their KGs. Pure Python; reads only files in this folder.

    python3 check.py        # prints a summary, exits 1 with the list of failures

Spec language (specs.jsonl, one object per question: {"file", "question", "spec"}):
  set expression  {"start": [nodes], "path": [[relation, "fwd"|"inv"], ...],
                   "filter": [{"rel", "value"?, "neg"?}], "exclude_start": bool, "exclude": [nodes]}
                  (a filter without "value" keeps the nodes that have the relation at all)
  ops  {"op": "set", "set": E, "alias": [A, X]?}
                  gold = the members of E (all of them when |E| <= 6); with "alias", the question names X
                  by A, and (X, alias relation, A) must be a KG triple
       {"op": "count", "set": E, "members": E2?, "trap": [X, R]?}
                  gold[0] = |E|; gold[1:] = the members of E2; with "trap", the KG stores under (X, R) a
                  value holding a number, and no number in it equals the count (the number is not the answer)
       {"op": "absent", "entity": X, "rels": [R...]}    X is in the KG and has none of the relations
       {"op": "absent_entity", "name": N}       no KG node contains N
A gold string matches a node when one of its `|` alternatives is a substring of the node.
Besides the golds, the checker enforces the shape of the set: type counts, 21 filtered counts (3 negated), 9 that
list members, 7 over two-hop sets, 5 stored-number traps, 6 + 4 negatives, hop counts of the English types, and traditional-only
characters in the traditional questions.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEG = "没有|不知道|未找到|无"
EXPECTED_TYPES = {
    "zh_eval.jsonl": {"count": 40, "negative": 10, "traditional": 10},
    "en_eval.jsonl": {"two_hop": 40, "three_hop": 10, "inverse": 10},
}
KG_OF = {"zh_eval.jsonl": "zh_kg.tsv", "en_eval.jsonl": "en_kg.tsv"}
# Traditional forms and their simplified counterparts (only characters whose simplified form is not
# also a valid traditional character: 於/于 and 姪/侄 are left out, as in 屬於 and 祭姪文稿).
TRAD = "個別寫屬幾張時書權種節紀組習藥蘭誰長麼黃"
SIMP = "个别写属几张时书权种节纪组习药兰谁长么黄"
assert len(TRAD) == len(SIMP)
ZH_ALIAS_RELS = ("别名", "简称", "英文名", "古称", "本名")
EN_ALIAS_RELS = ("common.topic.alias",)


class KG:
    def __init__(self, triples):
        self.triples = triples
        self.out = defaultdict(lambda: defaultdict(list))
        self.inn = defaultdict(lambda: defaultdict(list))
        for s, r, o in triples:
            self.out[s][r].append(o)
            self.inn[o][r].append(s)
        self.nodes = set(self.out) | set(self.inn)
        self.relations = {r for _, r, _ in triples}


def load_kg(name: str, errors: list[str] | None = None) -> KG:
    errors = [] if errors is None else errors
    triples, seen = [], set()
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not all(c.strip() for c in cells) or any(c != c.strip() for c in cells):
            errors.append(f"{name}:{n}: not 3 clean non-empty tab-separated fields: {line!r}")
            continue
        t = tuple(cells)
        if t in seen:
            errors.append(f"{name}:{n}: duplicate triple {t}")
        if t[0] == t[2]:
            errors.append(f"{name}:{n}: self-loop {t}")
        seen.add(t)
        triples.append(t)
    return KG(triples)


def matches(gold: str, node: str) -> bool:
    return any(alt and alt in node for alt in gold.split("|"))


def eval_set(kg: KG, e: dict) -> set[str]:
    for s in e["start"]:
        if s not in kg.nodes:
            raise AssertionError(f"start node {s!r} is not in the KG")
    cur = set(e["start"])
    for rel, direction in e["path"]:
        if rel not in kg.relations:
            raise AssertionError(f"relation {rel!r} is not in the KG")
        nxt = set()
        for n in cur:
            nxt.update((kg.out if direction == "fwd" else kg.inn)[n].get(rel, []))
        cur = nxt
    for f in e.get("filter", []):
        if f["rel"] not in kg.relations:
            raise AssertionError(f"filter relation {f['rel']!r} is not in the KG")
        def has(n, f=f):
            vals = kg.out[n].get(f["rel"], [])
            return (f["value"] in vals) if "value" in f else bool(vals)
        before = set(cur)
        cur = {n for n in cur if has(n) != bool(f.get("neg"))}
        if cur == before:
            raise AssertionError(f"filter {f} removes nothing from {sorted(before)}")
    if e.get("exclude_start"):
        cur -= set(e["start"])
    cur -= set(e.get("exclude", []))
    return cur


def match_all(golds: list[str], members: set[str], cap: int | None) -> None:
    """Each gold matches a distinct member; when |members| <= cap, every member is matched too."""
    members_l = sorted(members)
    assign: dict[str, int] = {}

    def try_gold(i, seen):
        for m in members_l:
            if matches(golds[i], m) and m not in seen:
                seen.add(m)
                if m not in assign or try_gold(assign[m], seen):
                    assign[m] = i
                    return True
        return False

    for i, g in enumerate(golds):
        if not try_gold(i, set()):
            raise AssertionError(f"gold {g!r} matches no (unused) member of {members_l}")
    if cap is not None and len(members) <= cap and len(golds) != len(members):
        raise AssertionError(f"gold lists {len(golds)} of {len(members)} members {members_l}")
    if cap is not None and len(members) > cap and len(golds) != cap:
        raise AssertionError(f"{len(members)} members: expected {cap} gold strings, got {len(golds)}")


def check_spec(kg: KG, q: dict, spec: dict, alias_rels) -> None:
    op, ans = spec["op"], q["answers"]
    if op == "set":
        s = eval_set(kg, spec["set"])
        if not s:
            raise AssertionError("empty gold set")
        match_all(ans, s, 6)
        if "gold_size" in q and q["gold_size"] != len(s):
            raise AssertionError(f"gold_size {q['gold_size']} but the KG gives {len(s)}: {sorted(s)}")
        if "alias" in spec:
            a, x = spec["alias"]
            if not any(a in kg.out[x].get(r, []) for r in alias_rels):
                raise AssertionError(f"{a!r} is not an alias of {x!r} in the KG")
            if a not in q["question"] or x not in spec["set"]["start"]:
                raise AssertionError(f"alias {a!r} not in the question or {x!r} not the start")
    elif op == "count":
        s = eval_set(kg, spec["set"])
        if not s:
            raise AssertionError("empty counted set")
        if ans[0] != str(len(s)):
            raise AssertionError(f"count gold {ans[0]} but the KG gives {len(s)}: {sorted(s)}")
        if "members" in spec:
            match_all(ans[1:], eval_set(kg, spec["members"]), 6)
        elif len(ans) > 1:
            raise AssertionError("extra gold strings without a members spec")
        if "trap" in spec:
            x, r = spec["trap"]
            vals = kg.out[x].get(r, [])
            nums = [n for v in vals for n in re.findall(r"\d+(?:\.\d+)?", v)]
            if not nums:
                raise AssertionError(f"trap ({x}, {r}) stores no number")
            if ans[0] in nums:
                raise AssertionError(f"trap ({x}, {r}) = {vals} holds the answer {ans[0]}")
    elif op == "absent":
        e = spec["entity"]
        if e not in kg.out:
            raise AssertionError(f"{e!r} is not a subject in the KG")
        present = [r for r in kg.out[e] if r in spec["rels"]]
        if present:
            raise AssertionError(f"{e!r} has {present}")
        if ans != [NEG]:
            raise AssertionError("negative gold must be " + NEG)
    elif op == "absent_entity":
        hits = [n for n in kg.nodes if spec["name"] in n]
        if hits:
            raise AssertionError(f"{spec['name']!r} occurs in nodes {hits[:5]}")
        if ans != [NEG]:
            raise AssertionError("negative gold must be " + NEG)
    else:
        raise AssertionError(f"unknown op {op}")


def hops(e: dict) -> int:
    return len(e["path"])


def check_shape(fname: str, kg: KG, shapes: list[tuple[dict, dict]]) -> list[str]:
    """The mix of question kinds the brief asks for, read off the specs."""
    errs, by_type = [], defaultdict(list)
    for q, spec in shapes:
        by_type[q["type"]].append((q, spec))
    def want(what, got, expect):
        if got != expect:
            errs.append(f"{what}: {got}, expected {expect}")
    if fname.startswith("zh"):
        counts = [s for _, s in by_type["count"]]
        want("non-count specs among count questions", sum(1 for s in counts if s["op"] != "count"), 0)
        want("count questions with a filter", sum(1 for s in counts if s["set"].get("filter")), 21)
        want("filtered counts with a negated filter", sum(1 for s in counts if any(f.get("neg") for f in s["set"].get("filter", []))), 3)
        want("counts that also ask for the members", sum(1 for s in counts if "members" in s), 9)
        want("counts over a two-hop set", sum(1 for s in counts if hops(s["set"]) == 2), 7)
        want("counts with a stored-number trap", sum(1 for s in counts if "trap" in s), 5)
        noun_first = sum(1 for q, _ in by_type["count"] if re.search(r"的[^，？的]{1,6}(有|一共)(几|多少)", q["question"]))
        print(f"  zh counts with the counted noun before the number: {noun_first}")
        if noun_first < 5:
            errs.append(f"only {noun_first} counts with the counted noun before the number")
        want("negatives about a missing relation", sum(1 for _, s in by_type["negative"] if s["op"] == "absent"), 6)
        want("negatives about a missing entity", sum(1 for _, s in by_type["negative"] if s["op"] == "absent_entity"), 4)
        trad = Counter("count" if s["op"] == "count" else f"{hops(s['set'])}-hop" for _, s in by_type["traditional"])
        want("traditional questions by kind", dict(trad), {"count": 5, "1-hop": 3, "2-hop": 2})
        aliases = sum(1 for _, r, _ in kg.triples if r in ZH_ALIAS_RELS)
        if aliases < 20:
            errs.append(f"only {aliases} alias triples")
    else:
        expect_hops = {"two_hop": 2, "three_hop": 3, "inverse": 1}
        for t, items in by_type.items():
            for q, s in items:
                e = s["set"]
                if hops(e) != expect_hops[t]:
                    errs.append(f"{t} question has {hops(e)} hops: {q['question']}")
                if t == "inverse" and any(d != "inv" for _, d in e["path"]):
                    errs.append(f"inverse question does not follow an edge backwards: {q['question']}")
        dirs = Counter(("fwd" if all(d == "fwd" for _, d in s["set"]["path"]) else
                        "inv" if all(d == "inv" for _, d in s["set"]["path"]) else "mixed")
                       for _, s in by_type["two_hop"])
        for kind in ("fwd", "inv", "mixed"):
            if dirs[kind] < 5:
                errs.append(f"two_hop: only {dirs[kind]} chains of kind {kind} ({dict(dirs)})")
        styles = Counter("dotted" if "." in r else "camel" if re.search(r"[a-z][A-Z]", r) else "snake" if "_" in r else "plain"
                         for r in kg.relations)
        for style in ("dotted", "camel", "snake"):
            if not styles[style]:
                errs.append(f"no {style} relation names")
        aliases = sum(1 for _, r, _ in kg.triples if r in EN_ALIAS_RELS)
        if aliases < 15:
            errs.append(f"only {aliases} alias triples")
    return errs


def main() -> int:
    errors: list[str] = []
    kgs = {}
    for name in ("zh_kg.tsv", "en_kg.tsv"):
        kgs[name] = kg = load_kg(name, errors)
        if not 400 <= len(kg.triples) <= 800:
            errors.append(f"{name}: {len(kg.triples)} triples, outside 400-800")
        print(f"{name}: {len(kg.triples)} triples, {len(kg.nodes)} nodes, {len(kg.relations)} relations")
    specs = {}
    for n, line in enumerate((HERE / "specs.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        d = json.loads(line)
        key = (d["file"], d["question"])
        if key in specs:
            errors.append(f"specs.jsonl:{n}: second spec for {key}")
        specs[key] = d["spec"]
    all_questions = Counter()
    used_specs = set()
    for fname, expected in EXPECTED_TYPES.items():
        kg = kgs[KG_OF[fname]]
        alias_rels = ZH_ALIAS_RELS if fname.startswith("zh") else EN_ALIAS_RELS
        types = Counter()
        shapes: list[tuple[dict, dict]] = []
        for n, line in enumerate((HERE / fname).read_text(encoding="utf-8").splitlines(), 1):
            where = f"{fname}:{n}"
            q = json.loads(line)
            keys = {"question", "answers", "type", "need_knowledge"} | ({"gold_size"} if fname.startswith("en") else set())
            if set(q) != keys:
                errors.append(f"{where}: keys {sorted(q)} != {sorted(keys)}")
                continue
            if q.get("need_knowledge") is not True:
                errors.append(f"{where}: need_knowledge must be true")
            if not q["answers"] or not all(isinstance(a, str) and a for a in q["answers"]):
                errors.append(f"{where}: empty answers")
            if len(q["answers"]) > (6 if fname.startswith("en") else 7):
                errors.append(f"{where}: too many gold strings")
            types[q["type"]] += 1
            all_questions[q["question"]] += 1
            if fname.startswith("zh"):
                if q["type"] == "traditional":
                    if not any(c in TRAD for c in q["question"]) or any(c in SIMP for c in q["question"]):
                        errors.append(f"{where}: not written in traditional characters: {q['question']}")
                elif any(c in TRAD for c in q["question"]):
                    errors.append(f"{where}: traditional characters in a simplified question: {q['question']}")
            spec = specs.get((fname, q["question"]))
            special = spec and spec["op"] in ("absent", "absent_entity", "count")
            if not special:  # every gold string (one alternative) is a KG node or a substring of one
                for g in q["answers"]:
                    if not any(matches(g, node) for node in kg.nodes):
                        errors.append(f"{where}: gold {g!r} is not in the KG")
            if spec is None:
                errors.append(f"{where}: no spec")
                continue
            used_specs.add((fname, q["question"]))
            shapes.append((q, spec))
            try:
                check_spec(kg, q, spec, alias_rels)
            except AssertionError as exc:
                errors.append(f"{where}: {q['question']} -> {exc}")
        if dict(types) != expected:
            errors.append(f"{fname}: type counts {dict(types)} != {expected}")
        print(f"{fname}: {sum(types.values())} questions, {dict(types)}")
        errors.extend(f"{fname}: {e}" for e in check_shape(fname, kg, shapes))
    for qtext, c in all_questions.items():
        if c > 1:
            errors.append(f"question repeated {c} times: {qtext}")
    for key in set(specs) - used_specs:
        errors.append(f"specs.jsonl: spec for an unknown question {key}")
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print(f"OK: all {len(used_specs)} questions checked against their specs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
