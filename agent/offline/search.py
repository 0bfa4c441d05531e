"""Path search: the best chain of up to MAX_HOPS relations from an anchor that a question fits.

Paths grow from the anchor outward, each hop read from the edges of the previous hop's results
(the planner looks ahead in the KG; the code it writes still makes every lookup, so the trace shows
them). One hop per path may be guessed on words no relation shares, when the question says more
than the path explains and only a few relations are left. Going straight back along the hop just
taken (X的作者还写过什么) is allowed only when the question asks for the others sharing that end.
A kind noun naming what the results are (哪些小说) filters and supports no hop. An incoming edge is
also named by its inverse words (甲的孙子: whose 祖父 甲 is) on the first hop, and on
parent/child edges at any hop.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from agent.offline import english
from agent.offline.graph import GraphView
from agent.offline.scoring import Query
from agent.offline.text import HOLE
from agent.offline.words import WORDS
from kg.linking import ALIAS_RELATIONS

MAX_HOPS = 3  # one more for a "share a … with" question: up, across, back, and down the first hop's mirror
BEAM = 6  # partial paths kept per hop: enough for the few edges a phrase can fit
MAX_NODES = 60  # intermediate results whose edges are read per hop
HOP_COST = 0.6  # each extra hop must be earned by the text it explains
MIN_SUPPORT = 0.6  # a hop needs at least one content character (or a synonym) of its relation
ORDER_COST = 0.5  # for a hop named entirely before the hops it follows
VOICE_COST = 1.0  # English: a relation one node has both ways, taken against the question's word order (who beat X)
EN_ORDER_COST = 0.2  # English: for a later hop named nearer the mention than the hops before (a tie-breaker)
SHARED_MARGIN = 0.5  # "the same …": paths within this of the best that go back sooner are preferred
RETURN_COST = 0.3  # a hop landing only where the path has been (成员 then 所属组合) is suspect
MAX_GUESS_CHOICES = 3  # outgoing relations among which a hop may be guessed
LEFTOVER = 1  # unexplained content characters that justify a hop no word of the question names
GUESS_SUPPORT = HOP_COST + 0.05  # a guessed hop just pays for itself
BACK_SUPPORT = HOP_COST + 0.1  # going back along the last hop (the others asked for) likewise
CO_SUPPORT = HOP_COST + 0.5  # "who starred with X": the co-word names the way back, a word's worth
CONTAINED_MIN_SUPPORT = 2.0  # the hop after an unnamed one into a place's parts (出生 of 出生在陕西的)
ALSO_MIN_SUPPORT = 2.0  # a second relation asked with 和 must be named by two characters or more
VISITED_CAP = 500  # nodes remembered per path for the return check
TYPED_HOP_SCORE = 1.0  # a hop found by the kind of its objects, not by words: one character's worth
REAL_NAME = "本名"  # the name a person recorded under a title (帝号, 笔名 entries) was born with


class Hop(NamedTuple):
    relation: str
    direction: str  # "out": the entity is the subject; "in": the entity is the object


class Path(NamedTuple):
    score: float
    hops: tuple[Hop, ...]
    nodes: tuple[str, ...]  # the results of the last hop, as the planner sees them in the KG
    starts: tuple[str, ...]  # the anchor entities that have the first hop
    seen: tuple[frozenset[str], ...] = ()  # per hop: every relation name of its source entities
    used: frozenset[int] = frozenset()  # the question's characters the hops explain
    both_ways: tuple[frozenset[str], ...] = ()  # per hop: the relations one of its source entities has both ways
    went_back: bool = False  # some hop went straight back along the one before (the others sharing an end)


class _State(NamedTuple):
    score: float
    hops: tuple[Hop, ...]
    nodes: tuple[str, ...]
    used: frozenset[int]
    starts: tuple[str, ...]
    seen: tuple[frozenset[str], ...]
    guessed: bool  # a hop was taken on leftover words alone
    visited: frozenset[str]  # every node the path has reached
    back: bool = False  # the last hop went straight back along the one before (the others asked for)
    kind_gain: tuple[float, frozenset[int]] = (0.0, frozenset())  # what the answer noun gave the last hop (see _score_hop)
    both_ways: tuple[frozenset[str], ...] = ()

    def path(self, bonus: float = 0.0) -> Path:
        went_back = any(self.hops[i] == reverse(self.hops[i - 1]) for i in range(1, len(self.hops)))
        return Path(self.score + bonus, self.hops, self.nodes, self.starts, self.seen, self.used, self.both_ways, went_back)


def reverse(hop: Hop) -> Hop:
    return Hop(hop.relation, "in" if hop.direction == "out" else "out")


def best_path(view: GraphView, anchors: Sequence[str], rest: str, lang: str, max_hops: int | None = None) -> Path | None:
    """The best-scoring chain of relations from the anchors that the rest of the question fits."""
    query = Query(rest, lang)
    if not query.content:
        return None
    frontier = [_State(0.0, (), tuple(anchors), frozenset(), (), (), False, frozenset(anchors))]
    done: list[Path] = []
    for depth in range(max_hops or (MAX_HOPS + 1 if query.sameness else MAX_HOPS)):
        grown: list[_State] = []
        for state in frontier:
            grown += _grow(view, state, query, depth)
        if not grown:
            break
        # The answer-type bonus ranks the beam too: several guessed hops often tie on score.
        grown.sort(key=lambda item: -(item.score + query.answer_type_bonus(item.hops[-1].relation, item.nodes)))
        frontier = grown[:BEAM]
        # A path of one guessed hop (into a place's parts) names nothing the question asks.
        done += [state.path(query.answer_type_bonus(state.hops[-1].relation, state.nodes)) for state in frontier
                 if not (state.guessed and len(state.hops) == 1)]
    done = [p for p in done if not query.rules_out(p.hops[-1].relation, p.nodes, p.hops[-1].direction == "in")]
    if query.shared and any(p.went_back for p in done):
        # "born in the same city as X": the others sharing X's end, not where X's city lies — and,
        # of paths nearly as good, the one going back soonest (its city: the sameness noun names
        # the end shared, not one more hop to where that city lies)
        done = [p for p in done if p.went_back]
        best = max(p.score for p in done)
        done = [p for p in done if p.score >= best - SHARED_MARGIN]
        soonest = min(_back_at(p) for p in done)
        done = [p for p in done if _back_at(p) == soonest]
    if not done:
        return None
    return max(done, key=lambda p: (p.score, -len(p.hops)))


def _back_at(path: Path) -> int:
    return next(i for i in range(1, len(path.hops)) if path.hops[i] == reverse(path.hops[i - 1]))


def _next_hops(view: GraphView, state: _State) -> tuple[dict[Hop, dict[str, None]], dict[Hop, dict[str, None]]]:
    """Every hop out of the state's nodes: hop → the nodes it reaches, hop → the nodes having it."""
    groups: dict[Hop, dict[str, None]] = {}
    owners: dict[Hop, dict[str, None]] = {}
    for node in state.nodes[:MAX_NODES]:
        for edge in view.edges(node):
            hop = Hop(edge.relation, edge.direction)
            groups.setdefault(hop, {})[edge.other] = None
            owners.setdefault(hop, {})[node] = None
    return groups, owners


def _grow(view: GraphView, state: _State, query: Query, depth: int) -> list[_State]:
    """Every next hop from the state's nodes that the question supports."""
    if depth == MAX_HOPS and not (state.back and state.hops[0].direction == "in"):
        return []  # the extra hop of a sameness question only mirrors an incoming first hop (_score_hop)
    groups, owners = _next_hops(view, state)
    names = frozenset(hop.relation for hop in groups)
    # Relations some node here has both ways (X beat some and was beaten by others): an incoming
    # hop on them must be asked as ^R, or the KG answers the outgoing edges.
    both_ways = frozenset(hop.relation for hop in groups if hop.direction == "in"
                          and owners[hop].keys() & owners.get(reverse(hop), {}).keys())
    # Straight back along the edge just taken only when 其他/还写过/同一个 (co-, same, also) asks
    # for the rest — or, in English, when an unused word names the edge again ("the movies
    # directed by the director of X"), which _score_hop checks.
    back = bool(state.hops) and query.asks_for_others_after(state.used, names)
    # "headquartered in the same city as X": a sameness noun that names no relation on the way
    # names the end shared, so going back along the hop just taken is what is asked.
    shared_end = (query.lang == "en" and query.sameness and depth == 1
                  and not any(query.names_back(r) for r in names.union(*state.seen)))
    if state.hops and not back and query.lang != "en":
        groups.pop(reverse(state.hops[-1]), None)
    # The question may go on in words no relation here shares ("X的职业有哪些责任": 责任 for
    # 职责): one such guessed hop per path, when content is left after the last explained word,
    # outgoing, not back where the path has been, and among a few relations only (from a node
    # with dozens a guess is noise). After going back (the others sharing an end) only words
    # lead on ("the movies sharing actors with X were in which genres").
    outgoing = sum(1 for hop in groups if hop.direction == "out")
    # "刘慈欣写过哪些小说": 小说 says what the works are; it supports no further hop (原著).
    typed = query.typed_positions(view.types(state.nodes, roles=True), names) if depth else frozenset()
    # "Which software is written in Go": the answer noun named what the last hop reached; a path
    # going on takes that back (its results are no longer the answer) and leaves the noun free.
    withdrawn, freed = state.kind_gain
    state = state._replace(score=state.score - withdrawn, used=state.used - freed)
    taken = state.used | typed
    leftover = (depth > 0 and not state.guessed and not state.back and 0 < outgoing <= MAX_GUESS_CHOICES
                and query.unexplained(state.used, view.kinds(state.nodes), typed) >= LEFTOVER)
    grown = []
    for hop, others in groups.items():
        scored = _score_hop(view, state, query, depth, hop, others, taken, leftover, back, shared_end, both_ways)
        if scored is None:
            continue
        support, positions, guessed, is_back, gain = scored
        visited = state.visited | others.keys() if len(state.visited) < VISITED_CAP else state.visited
        grown.append(_State(
            state.score + support - (HOP_COST if depth else 0.0), state.hops + (hop,), tuple(others),
            state.used | positions, state.starts or tuple(owners[hop]), state.seen + (names,), state.guessed or guessed,
            visited, is_back, gain, state.both_ways + (both_ways,),
        ))
    return grown


def _score_hop(view: GraphView, state: _State, query: Query, depth: int, hop: Hop, others: dict[str, None],
               taken: frozenset[int], leftover: bool, back: bool, shared_end: bool = False,
               both_ways: frozenset[str] = frozenset(),
               ) -> tuple[float, frozenset[int], bool, bool, tuple[float, frozenset[int]]] | None:
    """(support, positions explained, guessed, goes back, what the answer noun gave) of one next
    hop, or None if unsupported."""
    # Inverse names (甲的孙子 for an incoming 祖父) only on the first hop: later, where the
    # path has just come from, they mostly re-read the words of the hop before.
    # Parent/child edges are the exception: 孙子 = 儿子的儿子 may run against two 父亲 edges.
    inverse = hop.direction == "in" and (not depth or view.is_kin(hop.relation))
    names_for = view.synonyms(hop.relation)
    if inverse:
        # Whole words only: a character shared with some inverse name (属 of 所属地区) is
        # too weak to read an edge backwards. English ones (sons for `parents`) are words already.
        names_for = names_for + [w for w in view.inverse_names(hop.relation) if w in query.cjk or w.isascii()]
    # X's works (an incoming first hop: X is their author, artist, director), a shared attribute,
    # the other works with it, and their authors: the mirror of the first hop ends a path of four.
    mirror = depth == MAX_HOPS and state.back and state.hops[0].direction == "in" and hop == reverse(state.hops[0])
    if depth == MAX_HOPS and not mirror:
        return None  # the extra hop of a "share a … with" question is the mirror of the first, nothing else
    going_back = bool(state.hops) and hop == reverse(state.hops[-1])
    kinds: list[str] = []
    if query.lang == "en" and not going_back:
        # "Radiohead's albums" (music.album.artist, incoming), "Ryan Gosling's films" (starred_actors,
        # incoming, to nodes with film.film.* edges): what the hop reaches names it too — never a
        # hop straight back, which only its own words may name.
        reached = [english.type_segment(hop.relation)] if hop.direction == "in" else []
        kinds = [kind for kind in reached + view.english_kinds(tuple(others)) if kind]
        if kinds and query.answer_noun:
            plain = query.support(hop.relation, taken, names_for)
        names_for = names_for + kinds
    support, positions = query.support(hop.relation, taken, names_for)
    # A kind noun names what a hop reaches: an incoming edge of its name after the first hop
    # reaches the things that have such (the drivers with `teams`), not such things — "which teams
    # share a base with X", "the team that took the title".
    kind_nouns = query.answer_noun | query.clause_nouns if depth and hop.direction == "in" else frozenset()
    if going_back:
        kind_nouns |= query.clause_nouns  # nor is going back to such things what the clause asks
    if query.lang == "en" and positions & kind_nouns and not (
            kinds and query.support(kinds[0], taken, kinds[1:])[1] & kind_nouns):
        support, positions = query.support(hop.relation, taken | kind_nouns, names_for)
    gain: tuple[float, frozenset[int]] = (0.0, frozenset())
    if query.lang == "en" and not going_back and kinds and query.answer_noun and positions & query.answer_noun \
            and not plain[1] & query.answer_noun:
        gain = (support - plain[0], positions & query.answer_noun)
    guessed = is_back = by_ending = False
    if going_back:
        co_people = query.co_people and depth == 1
        # "流浪地球的导演还拍过什么": the same word names both hops; the others are wanted.
        # Like a guessed hop, it is one per path and never after a guess.
        if state.guessed or state.back or not (back or co_people or support >= MIN_SUPPORT):
            return None
        # "share actors with X … directed by who": back along starred_actors, not directed_by; "who
        # starred with X" / "X's bandmates": back along the first hop to the people sharing its end.
        if (query.lang == "en" and (support < MIN_SUPPORT or query.sameness) and not query.names_back(hop.relation)
                and not co_people and not shared_end):
            return None
        support, guessed, is_back = max(support, CO_SUPPORT if co_people else BACK_SUPPORT), True, True
    elif mirror:
        # "authors who share a publisher with X": X's books, their publishers, the books those
        # publish, and — mirroring the first hop — their authors (X left out).
        support = max(support, BACK_SUPPORT)
    elif state.back and support < MIN_SUPPORT:
        return None  # after the others sharing an end, only a hop the words name
    if not depth and support < MIN_SUPPORT and hop.direction == "in" and hop.relation in WORDS.containment_relations:
        # "出生在陕西的书法家": the people were born in its cities (西安 -所属省份-> 陕西). An unnamed
        # hop into the place's parts, which only a hop the words name may follow (best_path).
        support, positions, guessed = GUESS_SUPPORT, frozenset(), True
    if support < MIN_SUPPORT and leftover and hop.direction == "out" and not state.visited.issuperset(others):
        support, positions, guessed = GUESS_SUPPORT, frozenset(), True
    if depth == 1 and state.guessed and hop.direction == "in" and support < CONTAINED_MIN_SUPPORT and query.lang == "zh":
        # "江西有多少座书院": what lies in the place's parts, named by the end their names share (岳麓书院, 白鹿洞书院)
        named = _named_by_ending(query.cjk, taken, tuple(others))
        if named:
            support, positions, by_ending = CONTAINED_MIN_SUPPORT, named, True
        elif positions and positions <= {_after_name(query.rest)}:
            # "陕西籍的史家", "四川产的白酒": one character glued to the place names the relation (籍贯, 产地)
            support = CONTAINED_MIN_SUPPORT
    if support < MIN_SUPPORT:
        return None
    if depth == 1 and state.guessed and (support < CONTAINED_MIN_SUPPORT or hop.direction != "in"):
        return None  # after the unnamed hop into a place's parts, only what lies in them, named by a whole word
    if depth and hop.direction == "in" and query.only_kind_noun(positions) and not by_ending:
        return None  # "某河流经哪些省份": 省份 says what the 流经 are; no way back to what lies in them
    if depth == 0 and hop.relation in ALIAS_RELATIONS and state.visited.issuperset(others):
        return None  # 金庸 -本名-> 查良镛: the mention itself, named the other way; nothing asked
    if state.visited.issuperset(others):
        support -= RETURN_COST
    if positions and state.used and max(positions) < min(state.used) and query.lang != "en":
        support -= ORDER_COST  # X的A的B: a later hop is named later in the question (English says it the other way)
    if not depth and query.lang == "en" and hop.relation in both_ways and (voice := english.voice(hop.relation)):
        # "Who beat X" (X undergoes it: the incoming defeated_in_match), "Whom did X beat" (outgoing);
        # a passive name (succeeded_by) the other way round. Only where the node has both.
        role = query.mention_role(positions)
        if role is not None and hop.direction != ("out" if (role == "agent") == (voice == "active") else "in"):
            support -= VOICE_COST
    if query.lang == "en" and query.nearer(positions, state.used):
        support -= EN_ORDER_COST  # English names the first hop next to the name: a later hop stands farther
    return support, positions, guessed, is_back, gain


def _after_name(rest: str) -> int:
    """The position right after the mention (the first run of holes), or -1."""
    start = rest.find(HOLE)
    if start < 0:
        return -1
    end = start
    while end < len(rest) and rest[end] == HOLE:
        end += 1
    return end


def _named_by_ending(text: str, taken: frozenset[int], names: Sequence[str]) -> frozenset[int]:
    """Where the question says the ending most of `names` share (书院, 窑), one or two characters,
    in characters no hop has taken; empty when it says none."""
    for length in (2, 1):
        endings: dict[str, int] = {}
        for name in names:
            if len(name) > length:
                endings[name[-length:]] = endings.get(name[-length:], 0) + 1
        for ending, count in sorted(endings.items(), key=lambda item: -item[1]):
            if count < max(2, len(names) / 2):
                break
            at = text.find(ending)
            while at >= 0:
                span = frozenset(range(at, at + length))
                if not span & taken:
                    return span
                at = text.find(ending, at + 1)
    return frozenset()


def first_hops(view: GraphView, anchors: Sequence[str], rest: str, lang: str) -> list[Path]:
    """Every one-hop path from the anchors the words support, best first ("演过": 代表作品 and the
    films naming them 主演, incoming) — for a question that means their union."""
    query = Query(rest, lang)
    if not query.content:
        return []
    start = _State(0.0, (), tuple(anchors), frozenset(), (), (), False, frozenset(anchors))
    return [state.path() for state in sorted(_grow(view, start, query, 0), key=lambda s: -s.score)]


def typed_hop(view: GraphView, entities: Sequence[str], kinds: Sequence[str]) -> Path | None:
    """"余华的小说有哪些": no relation is named, but one outgoing relation leads to things of the
    kind asked (活着（小说）): the relation with most such objects, if any."""
    best: tuple[int, Hop, tuple[str, ...]] | None = None
    groups: dict[str, list[str]] = {}
    for edge in view.edges(entities[0]):
        if edge.direction == "out" and edge.relation not in ALIAS_RELATIONS and edge.relation not in WORDS.type_relations:
            groups.setdefault(edge.relation, []).append(edge.other)
    for relation, objects in groups.items():
        hits = sum(1 for o in objects if any(kind in t for t in view.types([o]) for kind in kinds))
        if hits and (best is None or hits > best[0]):
            best = (hits, Hop(relation, "out"), tuple(objects))
    if best is None:
        return None
    return Path(TYPED_HOP_SCORE, (best[1],), best[2], (entities[0],), (frozenset(groups),), frozenset())


def with_real_name(view: GraphView, path: Path) -> Path:
    """"太子甲他爸叫什么名字": when the people found are recorded under a title (某宗) that
    has a 本名 of its own, 叫什么名字 asks for that name: one more hop."""
    if path.hops[-1].relation in ALIAS_RELATIONS or not path.nodes or len(path.nodes) > 3:
        return path
    names: list[str] = []
    seen: set[str] = set()
    for node in path.nodes:
        edges = view.edges(node)
        seen.update(edge.relation for edge in edges)
        real = [edge.other for edge in edges if edge.direction == "out" and edge.relation == REAL_NAME]
        if not real:
            return path
        names += real
    return path._replace(hops=path.hops + (Hop(REAL_NAME, "out"),), nodes=tuple(names), seen=path.seen + (frozenset(seen),))


def also_asked(view: GraphView, path: Path, rest: str, lang: str) -> tuple[Path, ...]:
    """"青花瓷的作曲和作词是谁": after the best path, another relation of the same entity that
    the words it left unexplained name clearly (two characters or more)."""
    if len(path.hops) != 1:
        return ()
    query = Query(rest, lang)
    state = _State(0.0, (), path.starts, path.used, (), (), True, frozenset(path.starts))
    for extra in sorted(_grow(view, state, query, 0), key=lambda s: -s.score):
        if extra.score >= ALSO_MIN_SUPPORT and extra.hops[0] != path.hops[0] and extra.hops[0].direction == "out":
            return (extra.path(),)
    return ()
