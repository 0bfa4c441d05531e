"""Readings whose answer the plan computes: how many (count), which of two is earlier or larger
(compare), the first or largest of a set (rank), what two things share (both).

Each looks ahead in the KG (through the graph view) only to choose the relation; the comparison
itself is made by the plan's code (compute_code.py), on the values the calls return.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from agent.offline import question as q
from agent.offline.graph import GraphView
from agent.offline.index import Mention
from agent.offline.context import Question
from agent.offline.scoring import Query
from agent.offline.search import MIN_SUPPORT, TYPED_HOP_SCORE, Hop, Path, best_path, first_hops, typed_hop
from agent.offline.text import HOLE, fold
from agent.offline.topic import Reading
from agent.offline.values import is_date, value_of
from agent.offline.words import WORDS
from kg.linking import ALIAS_RELATIONS

COMPUTED_SCORE = 20.0  # a question of one of these shapes is read that way, over any plain fact
RANK_SAMPLE = 40  # members of a set a plan looks at when ranking or filtering: one call each, under the sandbox's 50 calls a run
DATE_PRIOR = 1.0  # earlier/later favour relations whose values are dates
WELL_EXPLAINED = 1.5  # a fact path (or a ranking value) the words name by this much is what is asked
UNION_SUPPORT = MIN_SUPPORT  # an other-way hop joining an intersection's sets needs a word of its own
MAX_UNION = 2  # such hops per intersection
ADJECTIVE_PRIOR = 1.0  # 高/大/深 favour the relations they usually compare (data/adjectives.tsv)
_TIME_CHARS = frozenset("时间日期年")
_EN_COMPARING = re.compile(r"\b(?:than|before|after)\b")


def read_count(question: Question, so_far: Reading | None) -> Reading | None:
    """几部/多少个/how many over a fact reading's results: the plan counts them."""
    if so_far is not None and so_far.kind == "info" and so_far.anchor and q.asks_count(question.text):
        # No fact fits the words: "唐代的书法家有几位" counts the 书法家; "某汤的药材有几味" the set
        # the counted noun names (组成, whose members are 中药); "某组合一共几个人" its one set.
        bare = so_far._replace(path=Path(0.0, (), (), so_far.anchor[:1]))
        noun = _COUNTED_NOUN.search(question.text)
        unnamed = noun is None or noun.group(1)[:1] in ("人", "是")  # 一共几个人, 有几味是补虚药: no noun names the set
        members = (_kind_members(question.view, so_far.anchor[0]) or _counted_relation(question, bare)
                   or (_only_set(question.view, so_far.anchor[0]) if unnamed else None))
        so_far = so_far._replace(kind="fact", path=members, asked=()) if members else so_far
    if so_far is None or so_far.kind != "fact" or not q.asks_count(question.text):
        return None
    within = _filtered_group(question, so_far)
    if within is not None:
        return within
    named = _counted_relation(question, so_far)
    if named is not None:
        so_far = so_far._replace(path=named)
    if len(so_far.path.hops) > 1 and so_far.path.hops[-1].relation in ALIAS_RELATIONS:
        # "某人的代表作有几件": the works are counted, not their other names
        shorter = best_path(question.view, so_far.path.starts, question.text, question.lang, max_hops=len(so_far.path.hops) - 1)
        so_far = so_far._replace(path=shorter) if shorter is not None else so_far
    nodes, path = so_far.path.nodes, so_far.path
    if len(path.hops) > 1:
        # "五月天一共有多少人": a last hop guessed on the counted noun (成员 → 本名) explains no word
        # of the question; the hops before it give the set to count.
        rest = q.rest_of(question.text.replace(so_far.surface, HOLE * len(so_far.surface)), 0, 0)
        shorter = best_path(question.view, path.starts, rest, question.lang, max_hops=len(path.hops) - 1)
        # "某动物分布在多少个国家": an incoming last hop named only by the counted noun (国家 ← 国籍)
        # reaches what has such things (people of those countries); the things themselves are counted.
        noun = _counted_noun(question.text)
        last_only = ({i for i in path.used - shorter.used if question.text[i] not in q.FUNCTION_CHARS}
                     if shorter is not None else set())
        span = set(range(noun.start(1), noun.end(1))) if noun is not None else set()
        # …and an outgoing one named by part of the noun only ("四川产的白酒有几种": 酒精度 by 酒)
        by_noun = noun is not None and shorter is not None and last_only <= span and (
            path.hops[-1].direction == "in" or len(last_only) < len(span))
        if shorter is not None and shorter.hops == path.hops[:-1] and (shorter.used == path.used or by_noun) and len(shorter.nodes) >= 2:
            so_far, path, nodes = so_far._replace(path=shorter), shorter, shorter.nodes
    if all(value_of(node) is not None and not is_date(node) for node in nodes[:RANK_SAMPLE]):
        return None  # "有多少名职工": the KG stores the number itself (129名); nothing to count
    if len(path.hops) > 1:
        # "某人的作品中有几部是歌剧": the search may have spent a last hop (类型) on the value that
        # filters the set; the hops before it give the set, the value its filter.
        shorter = best_path(question.view, path.starts, question.text, question.lang, max_hops=len(path.hops) - 1)
        if shorter is not None and len(shorter.hops) == len(path.hops) - 1:
            where = _count_filter(question, so_far._replace(path=shorter))
            if where and where[0] == path.hops[-1].relation:
                return so_far._replace(kind="count", path=shorter, where=where)
    if len(nodes) == 1 and not question.view.has_out_edges(nodes[0]):
        return None  # one text value ("A、B和C"): the KG's own wording says it, not a count of 1
    # "有几部代表作品" names the relation itself: that set, nothing else, is counted.
    extra = _other_way(question, path, question.text) if len(path.hops) == 1 and path.hops[0].relation not in question.text else ()
    return so_far._replace(kind="count", where=_count_filter(question, so_far), also=extra)


def _filtered_group(question: Question, so_far: Reading) -> Reading | None:
    """"某四大书院当中有几座是北宋创建的": a set named before 当中/里/中 (its one set-valued relation,
    成员) is what is counted, filtered by a value of the question its members have — not the
    things that value reaches across the whole KG."""
    for mention in question.mentions():
        if not question.text.startswith(("里", "中", "当中", "之中"), mention.end):
            continue
        anchor = question.view.rank_entities(mention.entities)[0]
        members = _only_set(question.view, anchor)
        if members is None or anchor in so_far.path.starts:
            continue
        group = so_far._replace(anchor=(anchor,), surface=mention.surface, path=members)
        where = _count_filter(question, group)
        if where:
            return group._replace(kind="count", where=where, also=())
    return None


def read_kind_filter(question: Question, so_far: Reading | None) -> Reading | None:
    """"出生在上海的演员有哪些": the people the fact reading found, kept where their 职业 (or type) is
    the noun the question names them by — the plan checks each, as a filtered count does."""
    if so_far is None or so_far.kind != "fact" or so_far.path is None or not so_far.path.hops or q.asks_count(question.text):
        return None
    where = _count_filter(question, so_far)
    if len(where) != 2 or where[0] not in WORDS.role_relations:
        return None
    return so_far._replace(kind="count", where=where)


def _other_way(question: Question, path: Path, rest: str, overlapping: bool = True) -> tuple[Path, ...]:
    """"刘慈欣写过几部作品": his 代表作品 and the works naming him 作者 are one set — every hop the
    other way round that the words support (and, `overlapping`, that reaches some of the same
    things) joins it."""
    found = [other for other in first_hops(question.view, path.starts, rest, question.lang)
             if other.hops[0].direction != path.hops[0].direction and other.score >= UNION_SUPPORT
             and other.hops[0].relation not in ALIAS_RELATIONS and (not overlapping or set(other.nodes) & set(path.nodes))]
    return tuple(found[:MAX_UNION])


_COUNTED_NOUN = re.compile(r"(?<![哪举])(?:几|多少)[" + WORDS.count_classifiers + r"]([\u4e00-\u9fff]{1,6})")
# "某铁路途经的省级行政区有几个": the noun counted stands before the number asked.
_COUNTED_BEFORE = re.compile(r"的([^的\W]{1,6}?)(?:一共|总共)?有?(?<![哪举])(?:几|多少)[" + WORDS.count_classifiers + r"]")


def _counted_noun(text: str) -> re.Match | None:
    """The noun counted, after the number asked (几个国家) or before it (的省级行政区有几个)."""
    return _COUNTED_NOUN.search(text) or _COUNTED_BEFORE.search(text)


_WHICH_NOUN = re.compile(r"哪(?:一|几)?[" + WORDS.count_classifiers + r"]([\u4e00-\u9fff]{1,6})")


def _counted_relation(question: Question, reading: Reading, pattern: re.Pattern | None = None) -> Path | None:
    """"某人在几届奥运会上夺冠" / "某高铁经过几个省": the noun counted (奥运会, 省) names one of the
    anchor's own set-valued relations (夺冠奥运会, 途经省份) that the path found does not end on —
    a number stored under another name (奥运金牌数), or a hop past it (the cities of those 省份).
    That relation, one hop, is what is counted; None when the noun names none or the path's.
    With _WHICH_NOUN, the noun asked for (第一次夺冠是在哪届奥运会) names the set ranked."""
    match = pattern.search(question.text) if pattern else _counted_noun(question.text)
    if match is None or not reading.path.starts:
        return None
    noun, anchor, view = match.group(1), reading.path.starts[0], question.view
    last = reading.path.hops[-1].relation if reading.path.hops else ""
    edges = _one_hop_groups(view, anchor)
    for length in range(len(noun), 0, -1):
        head = noun[:length]
        if last and head in last and len(reading.path.hops) == 1:
            return None  # the path already is what is counted
        # the relation's name holds the noun (途经省份 for 省), or what it reaches is of that kind (几个方剂 ← 组成)
        groups = [(hop, others) for hop, others in edges.items()
                  if (head in hop.relation or any(head in kind for kind in view.types(others[:RANK_SAMPLE])))
                  and len(others) >= 2 and not all(value_of(o) is not None and not is_date(o) for o in others)]  # not a stored number
        if groups:
            hop, others = max(groups, key=lambda item: len(item[1]))
            return _one_hop(reading.path.score, hop, others, anchor, edges)
    return None


def _only_set(view: GraphView, anchor: str) -> Path | None:
    """The anchor's one set-valued relation (several values, not names), if it has exactly one."""
    groups = [(hop, others) for hop, others in _one_hop_groups(view, anchor).items()
              if hop.direction == "out" and len(others) >= 2 and hop.relation not in WORDS.type_relations]
    if len(groups) != 1:
        return None
    (hop, others), = groups
    return _one_hop(TYPED_HOP_SCORE, hop, others, anchor, (hop,))


def _kind_members(view: GraphView, anchor: str) -> Path | None:
    """A kind named as the topic (书法家, 传统节日: a value only ever an object, of 职业/类别 edges):
    the things of that kind, by the incoming relation with most of them."""
    if view.has_out_edges(anchor):
        return None
    groups = {hop: others for hop, others in _one_hop_groups(view, anchor).items() if hop.direction == "in" and len(others) >= 2}
    if not groups:
        return None
    hop, others = max(groups.items(), key=lambda item: len(item[1]))
    return _one_hop(TYPED_HOP_SCORE, hop, others, anchor, groups)


def _shared_hop(view: GraphView, a: str, b: str) -> tuple[Path, Path] | None:
    """The one hop both have that reaches shared things, when no word names one: the set-valued
    one (分布地区, the missions naming both 航天员) over a shared attribute value (性别 男)."""
    of_a, of_b = _one_hop_groups(view, a), _one_hop_groups(view, b)
    shared = [(min(len(of_a[hop]), len(of_b[hop])), hop) for hop in of_a
              if hop in of_b and set(of_a[hop]) & set(of_b[hop])]
    if not shared:
        return None
    size, hop = max(shared, key=lambda item: item[0])
    if size < 2:
        return None  # one value each (性别, 国籍): a coincidence, not what "一起/都" asks

    def path(entity: str, groups: dict[Hop, list[str]]) -> Path:
        return _one_hop(TYPED_HOP_SCORE, hop, groups[hop], entity, groups)

    return path(a, of_a), path(b, of_b)


def _one_hop(score: float, hop: Hop, members, anchor: str, seen) -> Path:
    """The path of one hop from `anchor` to `members`; `seen`: the hops whose relations stood there."""
    return Path(score, (hop,), tuple(members), (anchor,), (frozenset(h.relation for h in seen),))


def _one_hop_groups(view: GraphView, anchor: str) -> dict[Hop, list[str]]:
    groups: dict[Hop, list[str]] = {}
    for edge in view.edges(anchor):
        if edge.relation not in ALIAS_RELATIONS:
            groups.setdefault(Hop(edge.relation, edge.direction), []).append(edge.other)
    return groups


def _count_filter(question: Question, reading: Reading) -> tuple[str, ...]:
    """"某人写过几部歌剧" / "成员中女性有几位": a value of the question's other words (歌剧, 女) that
    some of the results have and some not, and the relation holding it (类型, 性别), then "not"
    when the question counts those without it (不是法国国籍); () if none.
    The longest such value wins; the plan checks each member (one call each, so RANK_SAMPLE at most)."""
    view, nodes = question.view, reading.path.nodes
    if not 2 <= len(nodes) <= RANK_SAMPLE:
        return ()
    text = question.text.replace(reading.surface, HOLE * len(reading.surface))
    free = "".join(HOLE if i in reading.path.used else ch for i, ch in enumerate(text)) if len(text) == len(question.text) else text
    have: dict[tuple[str, str], set[str]] = {}
    for node in nodes:
        for relation, values in view.grouped(node, "out").items():
            if relation in ALIAS_RELATIONS:
                continue
            for value in values:
                folded = fold(value)
                if folded and folded in free and any(ch not in q.FUNCTION_CHARS for ch in folded):
                    have.setdefault((relation, value), set()).add(node)
    splitting = [key for key, members in have.items() if len(members) < len(nodes)]
    if not splitting:
        return _presence_filter(view, nodes, free)
    relation, value = max(splitting, key=lambda key: (len(key[1]), len(have[key])))
    # "有几位不是法国国籍", "不在西班牙的有几家": the members without the value are counted.
    at = free.find(fold(value))
    negated = bool(_NEGATION.search(free[max(0, at - 3):at]))
    return (relation, value, "not") if negated else (relation, value)


_NEGATION = re.compile(r"(不是|不在|不属于|并非|非)$")
PRESENCE_MIN_CHARS = 3  # the part of a relation's name the question must say for "those that have it"


def _presence_filter(view: GraphView, nodes, free: str) -> tuple[str, ...]:
    """"入选世界遗产的石窟寺有几处": the members that have a relation the question names by three
    characters or more of its name (入选世界遗产年份), when some have it and some not: (relation, "")."""
    owners: dict[str, int] = {}
    for node in nodes:
        for relation in view.grouped(node, "out"):
            owners[relation] = owners.get(relation, 0) + 1
    best, best_length = "", PRESENCE_MIN_CHARS - 1
    for relation, count in owners.items():
        if count == len(nodes) or relation in ALIAS_RELATIONS:
            continue
        name = fold(relation)
        length = SequenceMatcher(None, name, free, autojunk=False).find_longest_match(0, len(name), 0, len(free)).size
        if length > best_length:
            best, best_length = relation, length
    return (best, "") if best else ()


def read_rank(question: Question, so_far: Reading | None) -> Reading | None:
    """"某人的作品中最早的是哪部": the set the fact reading found, ranked by a value of its members."""
    direction = q.superlative(question.text)
    if not direction or so_far is None or not so_far.anchor:
        return None
    if so_far.path is not None and any(q.superlative(hop.relation) for hop in so_far.path.hops):
        return None  # 最高时速: the superlative is part of the relation asked
    view = question.view
    # "作家的某三部曲里最晚的": a mention before 里/中 names the very set ranked.
    inside = [m for m in question.mentions() if question.text[m.end: m.end + 1] in ("里", "中")]
    found = _ranked_set(question, direction, inside) if inside else None
    if found is not None:
        path, relation, surface = found
        return so_far._replace(kind="rank", anchor=path.starts, surface=surface, path=path, relation=relation,
                               direction=direction, score=COMPUTED_SCORE, asked=(), how=q.superlative_word(question.text))
    path = so_far.path if so_far.kind == "fact" else typed_hop(view, so_far.anchor, q.intro_kinds(question.text))
    named = _counted_relation(question, so_far, _WHICH_NOUN) if so_far.kind == "fact" else None
    if named is not None and _value_relation(view, named.nodes[:RANK_SAMPLE], question.text, question.lang, direction):
        path, so_far = named, so_far._replace(path=named)  # 奥运金牌数 is a number; the 夺冠奥运会 are ranked
    relation = ""
    if path is None:
        path = Path(0.0, (), (), so_far.anchor)
    # The set to rank: the fact path's results, or — when the search spent a last hop on the words
    # of the ranking value (最早出版 → 出版社) — the results of the hops before it.
    for hops in range(len(path.hops), 0, -1):
        candidate = path if hops == len(path.hops) else best_path(view, path.starts, question.text, question.lang, max_hops=hops)
        if candidate is None or len(candidate.nodes) < 2:
            continue
        relation = _value_relation(view, candidate.nodes[:RANK_SAMPLE], question.text, question.lang, direction)
        if relation:
            path = candidate
            break
    if not relation:
        # No path of the words gives a rankable set ("巴金的激流三部曲里最早出版的", where 出版 reads
        # as 出生): the mentions' own one-hop sets, the one whose members are of the kind named —
        # unless a fact the words explain well was found (胖五第一次飞: 首飞时间, no set to rank).
        if so_far.kind == "fact" and so_far.path is not None and so_far.path.score >= WELL_EXPLAINED:
            return None
        found = _ranked_set(question, direction)
        if found is None:
            return None
        path, relation, surface = found
        so_far = so_far._replace(anchor=path.starts, surface=surface)
    return so_far._replace(kind="rank", path=path, relation=relation, direction=direction, score=COMPUTED_SCORE, asked=(),
                           how=q.superlative_word(question.text))


def _ranked_set(question: Question, direction: str, mentions: list[Mention] | None = None) -> tuple[Path, str, str] | None:
    """(one-hop path, relation ranked by, surface) over the set a mention's edges give that has a
    value to rank by: its members of a kind the question names (小说) first, then the hop the words
    fit, then the later mention, then the larger set; None if no mention has such a set."""
    view, best, best_key = question.view, None, None
    for mention in question.mentions() if mentions is None else mentions:
        if mention.end - mention.start < 2:
            continue
        anchor = view.rank_entities(mention.entities)[0]
        rest = Query(q.rest_of(question.text, mention.start, mention.end), question.lang)
        groups = _one_hop_groups(view, anchor)
        for hop, members in groups.items():
            if len(members) < 2 or hop.relation in WORDS.type_relations:
                continue  # the things whose 类别 is 小说: a kind word is no topic of its own
            relation = _value_relation(view, members[:RANK_SAMPLE], question.text, question.lang, direction)
            if not relation:
                continue
            kinds = view.types(members[:RANK_SAMPLE])
            named = any(len(kind) >= 2 and kind in question.text for kind in kinds)
            # 最高 names 高度 through its adjective (data/adjectives.tsv)
            hinted = any(hint in relation for adjective, words in WORDS.adjectives.items() if adjective in question.text for hint in words)
            if mentions is None and not named and not hinted and rest.support(relation, frozenset(), view.synonyms(relation))[0] < WELL_EXPLAINED:
                # "谁是某国第一位皇帝": neither the set's kind nor the value ranked by is named (a set
                # named before 里/中 — "某四大书院中建得最晚的" — is what is ranked, by the value that fits best)
                continue
            names = view.synonyms(hop.relation) + (view.inverse_names(hop.relation) if hop.direction == "in" else [])
            # "X的Y里最早": the later mention is the narrower set
            key = (named, rest.support(hop.relation, frozenset(), names)[0], mention.start, len(members))
            if best_key is None or key > best_key:
                path = _one_hop(0.0, hop, members, anchor, groups)
                best, best_key = (path, relation, mention.surface), key
    return best


def read_compare(question: Question, so_far: Reading | None) -> Reading | None:
    """"A和B谁出生得早" / "which is larger, A or B": the same relation of both, compared in the plan."""
    yes_no = q.yes_no_comparison(question.text)
    direction = yes_no or q.comparison(question.text)
    pair = _pair(question) if direction and not q.relationship_sides(question.text) else None
    if pair is None:
        return None
    first, second = pair
    view = question.view
    a, b = view.rank_entities(first.entities), view.rank_entities(second.entities)
    rest = _without(question.text, first, second)
    # A relation both have, the one the words fit; else one the words name that one of the two
    # lacks (the plan then says it cannot compare, instead of a guess); else the only one they share.
    nodes = [a[0], b[0]]
    relation = (_value_relation(view, nodes, rest, question.lang, direction, both=True)
                or _value_relation(view, nodes, rest, question.lang, direction)
                or _value_relation(view, nodes, rest, question.lang, direction, both=True, only=True))
    if not relation:
        return None
    return Reading(COMPUTED_SCORE, "compare", tuple(a), first.surface, other=tuple(b), other_surface=second.surface,
                   relation=relation, direction=direction, yes_no=bool(yes_no))


def read_both(question: Question, so_far: Reading | None) -> Reading | None:
    """"A和B共同主演的电影" / "films both A and B starred in": one relation of each, intersected."""
    if not q.asks_both(question.text) or q.relationship_sides(question.text):
        return None
    pair = _pair(question)
    if pair is None:
        return None
    first, second = pair
    view = question.view
    # "A、B和C都…": the names listed between the pair are intersected too
    middle = [m for m in question.mentions() if first.end <= m.start and m.end <= second.start and m.end - m.start >= 2
              and not question.text[first.end:second.start].replace(m.surface, "").strip("、，,和与及 ")]
    rest = _without(question.text, first, second, *middle)
    a, b = view.rank_entities(first.entities), view.rank_entities(second.entities)
    path_a, path_b = best_path(view, a, rest, question.lang, max_hops=1), best_path(view, b, rest, question.lang, max_hops=1)
    if path_a is not None and path_b is not None and path_a.hops != path_b.hops:
        # Each one's best hop differs (胡歌 ←扮演者, 王凯 ←主演): the best hop both have.
        of_a = {path.hops: path for path in first_hops(view, a, rest, question.lang)}
        of_b = {path.hops: path for path in first_hops(view, b, rest, question.lang)}
        shared = [hops for hops in of_a if hops in of_b]
        best = max(shared, key=lambda hops: of_a[hops].score + of_b[hops].score, default=None)
        path_a, path_b = (of_a[best], of_b[best]) if best else (None, None)
    if path_a is None and path_b is None:
        path_a, path_b = _shared_hop(view, a[0], b[0]) or (None, None)  # "A和B一起执行过哪次任务": no word names it
    if path_a is None or path_b is None or path_a.hops[0].relation in ALIAS_RELATIONS:
        return None
    if len(path_a.nodes) < 2 and len(path_b.nodes) < 2:
        # "都拿过金牌的是哪几届奥运会": a stored number each (奥运金牌数); the noun asked names the sets
        named = [_counted_relation(question, Reading(0.0, "fact", path=side), _WHICH_NOUN) for side in (path_a, path_b)]
        if None in named or named[0].hops != named[1].hops:
            return None  # "A和B都是哪国人": one fact each, nothing to intersect
        path_a, path_b = named
    # "A和B都演过哪些电影": a person's films are their 代表作品 and the films naming them 主演 — every
    # other well-supported hop the other way round joins the first (the plan takes the union).
    extra = tuple(path for side in (path_a, path_b) for path in _other_way(question, side, rest, overlapping=False))
    extra = tuple({path.hops[0]: path for path in extra}.values())[:MAX_UNION]
    more = tuple((tuple(view.rank_entities(m.entities)), m.surface) for m in middle)
    return Reading(COMPUTED_SCORE, "both", path_a.starts, first.surface, path_a, other=path_b.starts,
                   other_surface=second.surface, also=extra, more=more)


# ---------------------------------------------------------------------- helpers


def _pair(question: Question) -> tuple[Mention, Mention] | None:
    """Two named things joined by 和/与/跟/还是/比/and/or/than, in question order."""
    # one-character names only standing alone (钾和钙哪个…), never inside a word
    mentions = sorted((m for m in question.mentions()
                       if m.end - m.start >= 2 or not q.glued(question.text, m.start, m.end)), key=lambda m: m.start)
    for i, first in enumerate(mentions):
        for second in mentions[i + 1:]:
            between = question.text[first.end: second.start]
            near = len(between) <= 8 or (len(between) <= 24 and _EN_COMPARING.search(between))  # "is A older than B"
            if second.start >= first.end and near and q.PAIR_WORD.search(between):
                return first, second
    return None


def _without(text: str, *mentions: Mention) -> str:
    for mention in mentions:
        text = text[: mention.start] + HOLE * (mention.end - mention.start) + text[mention.end:]
    return q.rest_of(text, 0, 0)


def _comparable(view: GraphView, nodes, relation: str, direction: str) -> bool:
    values = [v for node in nodes for v in view.grouped(node, "out").get(relation, [])[:1]]
    if not values or any(value_of(v) is None for v in values):
        return False
    return all(is_date(v) for v in values) == (direction in ("earlier", "later"))


def _value_relation(view: GraphView, nodes, rest: str, lang: str, direction: str, both: bool = False,
                    only: bool = False) -> str:
    """The relation whose values the question compares: one every node (both=True) or most nodes
    have, with values of the right kind (dates for earlier/later), the one the words (or the
    comparing adjective: 高 → 海拔) fit best; `only`: the one such relation, when words fit none."""
    counts: dict[str, int] = {}
    for node in nodes:
        for relation in view.grouped(node, "out"):
            counts[relation] = counts.get(relation, 0) + 1
    need = len(nodes) if both else max(1, (len(nodes) + 1) // 2)
    query = Query(rest, lang)
    best, best_score = "", 0.0
    comparable = [r for r, count in counts.items()
                  if count >= need and r not in ALIAS_RELATIONS and _comparable(view, nodes, r, direction)]
    if len(comparable) == 1 and (only or direction in ("earlier", "later")):
        return comparable[0]  # the one date they have: 谁更早 needs no relation word
    hints = [w for adjective, words in WORDS.adjectives.items() if adjective in rest for w in words]
    for relation in comparable:
        score = query.support(relation, frozenset(), view.synonyms(relation))[0]
        if direction in ("earlier", "later") and (_TIME_CHARS & set(relation) or "year" in relation or "date" in relation):
            score += DATE_PRIOR
        if any(hint in relation for hint in hints):
            score += ADJECTIVE_PRIOR
        if score > best_score:
            best, best_score = relation, score
    return best
