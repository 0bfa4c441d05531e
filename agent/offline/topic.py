"""Reading a question around one mention: the fact path it asks for, or the entity's entry.

`read_mention` cuts the mention out, spells kinship words, spends the words that chose a
disambiguation, and asks the path search what the rest of the question names; `owner` promotes a
bare value to the entity it names, `contained` spots the mentions that only set the scene.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from agent.offline import question as q
from agent.offline.english_phrases import CO_WORDS, SAMENESS_AFTER, SAMENESS_BEFORE
from agent.offline.graph import GraphView
from agent.offline.index import Mention
from agent.offline.scoring import Query
from agent.offline.search import Path, also_asked, best_path, typed_hop, with_real_name
from agent.offline.text import HOLE, fold, mention_length
from agent.offline.words import WORDS
from kg.linking import ALIAS_RELATIONS, suffix_of

MENTION_WEIGHT = 0.45  # per character of the mention: longer names are likelier the topic
VALUE_WEIGHT = 0.5  # a bare value (only ever an object) is rarely what a question is about
SINGLE_CHAR_COST = 2.0  # a one-character name nothing fits is most likely part of another word
SINGLE_CHAR_INTRO_COST = 1.0  # a one-character name introduced: doubtful, less so
INTRO_BONUS = 0.5  # an introduction of a longer name outranks a weak fact reading
CONTEXT_MENTIONS = 6  # mentions compared for containment
RELATIONSHIP_SCORE = 10.0  # X和Y是什么关系 wins over any fact reading of the same question
_KIND_AFTER_WHICH = re.compile(r"(哪种|那种|哪类|那类|什么样的|什么|哪个|哪一个|哪些)([\u4e00-\u9fff]{1,4})")
CLEAR_SUPPORT = 2.5  # a one-hop fact this well explained is not second-guessed by other entities' relations
WEAK_FACT = 1.0  # a fact path explaining about one character of the question (see _unexplained_phrase)
MISSING_MARGIN = 1.0  # how much better another entity's relation must explain the question (see _missing_relation)


_FELLOWS = re.compile(rf"\b(?:{'|'.join(sorted(SAMENESS_BEFORE | SAMENESS_AFTER | CO_WORDS))})\b|mates\b")


class Reading(NamedTuple):
    """One way of understanding the question: a kind, an anchor and what to do with it."""

    score: float
    kind: str  # a row of codegen.WRITERS: "fact", "info", "relationship", "guess", "compound", …
    anchor: tuple[str, ...] = ()  # entity names, or () when the anchor is the previous step's result
    surface: str = ""
    path: Path | None = None
    other: tuple[str, ...] = ()  # second entity of a relationship question
    other_surface: str = ""
    also: tuple[Path, ...] = ()  # further one-hop facts asked with 和 ("X的作词和作曲")
    asked: tuple[str, ...] = ()  # an "info" reading's relation words that fit no edge ("金庸的妻子")
    others: bool = False  # 还/其他/else: the anchor is left out of the answer
    relation: str = ""  # a computed reading's relation compared or ranked by (出生日期, 人口)
    direction: str = ""  # "earlier", "later", "more", "less" (values.value_of decides)
    how: str = ""  # a "rank" reading's superlative as the question says it (最高), for the answer
    more: tuple[tuple[tuple[str, ...], str], ...] = ()  # a "both" reading's further names (entities, surface): A、B和C都
    reason: str = ""  # a "no_knowledge" reading's reason (greeting, arithmetic, task, chitchat)
    parts: tuple[Reading, ...] = ()  # a "compound" reading's clauses, in order
    chained: bool = False  # a compound part whose anchor is the previous part's result
    clause: str = ""  # the text this reading reads (a compound part's clause)
    yes_no: bool = False  # a "compare" reading asking whether the first is the one (A比B早吗)
    where: tuple[str, ...] = ()  # a "count" reading's filter: (relation, value) the members counted have (类型, 歌剧), + "not": lack
    keep_start: bool = False  # English, no other/same/with word: going back keeps the start (the shows X's actors starred in: X too)


def read_mention(view: GraphView, text: str, mention: Mention, lang: str) -> Reading:
    """The best reading of the question with `mention` as its topic: a fact path, or its entry."""
    rest = q.drop_name_question(q.rest_of(text, mention.start, mention.end), mention.end)
    entities = tuple(view.rank_entities(mention.entities, text))
    rest = q.spell_kinship(rest, mention.end, lambda word: view.has_relation(entities[0], word))
    hint = fold(suffix_of(entities[0]))
    if len(hint) >= 2 and hint in rest:
        # 小说《活着》: the words that chose 活着（小说） are spent; they name no relation.
        entities = tuple(e for e in entities if fold(suffix_of(e)) == hint)
        rest = rest.replace(hint, HOLE * len(hint))
    weight = MENTION_WEIGHT * mention_length(mention.surface)
    if not view.has_out_edges(entities[0]):
        weight *= VALUE_WEIGHT
    # A one-character name is likely some other word's, unless it stands alone as a subject
    # (铁的熔点, 铁是谁发现的): then it is the topic, and what the question asks of it is asked.
    single = mention.end - mention.start == 1 and not (
        not q.glued(text, mention.start, mention.end) and text[mention.end: mention.end + 1] in ("的", "是", "在"))
    # "某书有多少卷": the classifier 卷 is blanked as a count word (and the rest reads as an
    # introduction), yet 卷数 is what is asked
    counted = _counted_relation_asked(view, text[mention.end:]) if lang == "zh" and len(mention.surface) > 1 else ""
    if counted:  # (held further on — "X的主演的代表作共有多少集" — or asked anyway below, and the KG says it has none)
        path = best_path(view, entities, counted if view.has_relation(entities[0], counted) else rest + counted, lang)
        path = path if path is not None and path.hops[-1].relation == counted else None
    elif q.is_introduction(rest):
        path, entities = _introduction_path(view, entities, rest, lang)
        if path is None:
            return Reading(weight + INTRO_BONUS - (SINGLE_CHAR_INTRO_COST if single else 0.0), "info", entities, mention.surface)
    else:
        path = best_path(view, entities, rest, lang)
        if path is not None and _names_another(view, path, rest, mention.end, lang):
            path = None
    missing = _missing_relation(view, path, rest, lang) if path is not None and len(mention.surface) > 1 else ""
    if path is not None and not missing and len(mention.surface) > 1:
        missing = _unexplained_phrase(view, path, rest, lang)
    if missing:
        path = None
    if path is None:
        # A one-character name with nothing in the question fitting its edges: most likely a
        # character of some other word, so this reading ranks below any other. Words naming a
        # relation the entity lacks are asked anyway: the KG's answer says it has none.
        asked = () if single else tuple(q.relation_phrase(rest, mention.end, lang))
        if not asked and not single and lang == "zh" and not q.is_introduction(rest) and not q.choice_spans(text):
            # "谁是某国第一位皇帝": something is asked that no edge fits; asked as written, the KG
            # says it has no such fact instead of the entry being dumped as an answer.
            asked = tuple(q.content_phrase(rest))
        if not asked and not single and lang == "zh":
            # "某人娶的是谁": a lexicon word too short for a phrase (娶 for 妻子) still names what is asked.
            asked = tuple(_lexicon_word(view, rest[mention.end:]))
        if counted and not single:
            asked = (counted,)  # "某书有多少卷" with no 卷数 of its own: the KG says it has none, no entry dumped
        if not single and lang == "zh":
            places = [w for w in q.place_relation(rest) if w in view.lexicon.synonyms]  # 出生地, never 首都地
            asked = tuple(q.time_relation(rest)) or tuple(places) or asked  # 哪一年出生 with no date edge: 出生日期 is what is missing
        if any(a in ALIAS_RELATIONS and view.has_relation(entities[0], a) for a in asked):
            asked = ()  # 恐怖鸟的别称…: the mention's other name, which its own edges skip too (its entry has it)
        asked = (missing,) if missing else asked
        return Reading(weight - (SINGLE_CHAR_COST if single else 0.0), "info", entities, mention.surface, asked=asked)
    also: tuple[Path, ...] = ()
    if q.has_conjunction(rest):
        path, also = _with_also_asked(view, path, entities, rest, lang)
    if q.asks_name(text[mention.end:]):
        path = with_real_name(view, path)
    # 还/其他 leave the anchor out of the answer — when the look-ahead finds it among the results
    # and the word is the question's, not part of a relation's name (其他名称).
    others = (q.asks_for_others(text) and any(start in path.nodes for start in path.starts)
              and not any(q.asks_for_others(hop.relation) for hop in path.hops))
    # "Who created the shows that actors from X starred in": X is one of those shows. Only the
    # others (else, the same, co-stars, with X) leave it out.
    keep_start = lang == "en" and not q.asks_for_others(text) and not _FELLOWS.search(text)
    return Reading(weight + path.score, "fact", path.starts, mention.surface, path, also=also, others=others,
                   keep_start=keep_start)


_HOW_MANY_NOUN = re.compile(r"(?:多少|几)[" + WORDS.count_classifiers + r"]?([\u4e00-\u9fff]{1,4})")


def _counted_relation_asked(view: GraphView, rest: str) -> str:
    """"多少卷" / "多少尊造像" / "多少个洞窟": the count some entities of the KG store as a relation named
    by the noun and 数 (卷数, 造像数, 洞窟数); "" when none is."""
    found = _HOW_MANY_NOUN.search(rest)
    if found is None:
        return ""
    names = set(view.relations_sharing(found.group(1) + "数", least=2))
    noun = found.group(1)
    for length in range(len(noun), 0, -1):
        if noun[:length] + "数" in names:
            return noun[:length] + "数"
    return ""


def _lexicon_word(view: GraphView, rest: str) -> list[str]:
    """The longest relation word of the lexicon standing in the rest of the question, if any."""
    found = [word for word in view.lexicon.synonyms if word in rest and any(ch not in q.FUNCTION_CHARS for ch in word)]
    return [max(found, key=len)] if found else []


def _introduction_path(view: GraphView, entities: tuple[str, ...], rest: str, lang: str) -> tuple[Path | None, tuple[str, ...]]:
    """"三体是什么小说" introduces; "余华的作品有哪些" asks an edge whose name holds the kind word.
    Returns the path asked, if any, and the entities an entry lookup should name."""
    path = None
    kinds: list[str] = []
    if not q.is_introduction(rest, kinds=False):
        path = best_path(view, entities, rest, lang)
        kinds = q.intro_kinds(rest)
        types = view.types(path.nodes) if path is not None else set()
        if path is not None and not any(kind in path.hops[0].relation or any(kind in t for t in types) for kind in kinds):
            path = None
        if path is None:
            path = typed_hop(view, entities, kinds)
    if path is None:
        kinds = kinds or q.intro_kinds(rest)  # "三体是一部什么样的小说": the novel
        typed = [e for e in entities if any(k in t for k in kinds for t in view.types([e]))] if kinds else []
        if typed and len(entities) > 1:
            entities = tuple(typed)  # "红楼梦是什么小说": the novel, not the drama of the same name
    return path, entities


def _with_also_asked(view: GraphView, path: Path, entities: tuple[str, ...], rest: str, lang: str) -> tuple[Path, tuple[Path, ...]]:
    """"X的作曲和作词": two relations side by side, not a chain through the first's answer."""
    single_hop = best_path(view, entities, rest, lang, max_hops=1)
    also = also_asked(view, single_hop, rest, lang) if single_hop else ()
    if also and single_hop.score + sum(p.score for p in also) >= path.score:
        path = single_hop
    else:
        also = also_asked(view, path, rest, lang)
    if also and len(path.hops) == 1 and min(also[0].used, default=0) < min(path.used, default=0):
        path, also = also[0], (path,)  # ask in the question's order
    return path, also


def _names_another(view: GraphView, path: Path, rest: str, end: int, lang: str) -> bool:
    """"某球星的妻子是谁" where only 儿子 shares a character (子): the words after the mention
    are a relation word of the lexicon that is neither this relation nor its synonym, and
    share at most one character with it. The question asks something the entity lacks."""
    if lang == "en" or (len(path.hops) > 1 and path.used):
        return False  # (籍贯在福建的人物: the words name a later hop; 人物 is what the path reaches)
    phrase = next(iter(q.relation_phrase(rest, end, lang)), "")
    relation = path.hops[0].relation
    if not phrase or phrase not in view.lexicon.synonyms or phrase in relation or relation in phrase:
        return False
    expanded = set(view.lexicon.expand(phrase))
    if any(phrase in e.relation or e.relation in expanded for e in view.edges(path.starts[0])):
        return False  # the entity has the relation asked (X的妻子和出生地: the 妻子 comes with 和)
    start = rest.index(phrase, end)
    if len(path.used & set(range(start, start + len(phrase)))) >= 2:
        return False  # some hop of the path explains the phrase
    synonyms = view.synonyms(relation)
    if phrase in synonyms or any(phrase in w or w in phrase for w in synonyms if len(w) >= 2):
        return False
    if fold(phrase) in view.types(path.nodes[:20], roles=True):
        return False  # "出生在上海的演员": what the people found are (职业 演员), a filter on them
    return sum(1 for ch in set(phrase) if ch in relation) < 2


def _missing_relation(view: GraphView, path: Path, rest: str, lang: str) -> str:
    """"某大学的校训是什么" where the entity has only 校长 (one shared character): a relation that
    other entities of the KG have (校训) explains the question clearly better than any edge of this
    one, and this entity lacks it — so the KG is asked for that one and says it has none. ""
    when the path found is the best the KG's own relation names can do."""
    if lang != "zh" or len(path.hops) > 2 or (len(path.hops) == 1 and path.score >= CLEAR_SUPPORT):
        return ""
    # "属于哪种角色": a noun after 哪种/什么 says what kind of answer is wanted, not a relation.
    query = Query(_KIND_AFTER_WHICH.sub(lambda m: m.group(1) + HOLE * len(m.group(2)), rest), lang)
    chosen = {hop.relation for hop in path.hops}
    best, best_score = "", path.score + MISSING_MARGIN
    for relation in view.relations_sharing(rest):
        if relation in chosen or (relation in ALIAS_RELATIONS and relation not in rest):
            continue  # a name relation only when the question says it whole (英文名)
        score, explained = query.support(relation, frozenset(), view.synonyms(relation))
        # "某窑从哪个朝代开始烧瓷" with no 始烧朝代: a two-hop detour (代表人物, then his 朝代) explains
        # only part of what that one relation does
        if len(path.hops) == 2 and not explained >= {i for i in path.used if i < len(query.cjk) and query.cjk[i] not in q.FUNCTION_CHARS}:
            continue
        if score >= best_score and not query.rules_out(relation, ()):
            best, best_score = relation, score
    if not best or any(view.has_relation(start, best) for start in path.starts):
        return ""
    return best


def _unexplained_phrase(view: GraphView, path: Path, rest: str, lang: str) -> str:
    """"某球队现在的主教练是谁" where only 主场 shares a character: a fact path explaining one
    character of a longer phrase of the question is no answer to it; the phrase is asked as
    written and the KG says it has none. "" when the path explains the phrase well enough, or
    its results or their kind spell it (获得奖项 → 诺贝尔物理学奖 for 几个诺贝尔奖; 歌剧)."""
    if lang != "zh" or path.score >= WEAK_FACT:
        return ""
    rest = _KIND_AFTER_WHICH.sub(lambda m: HOLE * len(m.group(0)), rest)  # 属于那种角色: a kind, not a phrase asked
    spelled = "".join(hop.relation for hop in path.hops) + "".join(path.nodes[:20]) + "".join(view.types(path.nodes[:20], roles=True))
    for phrase in q.content_phrase(rest):
        start = rest.find(phrase)
        covered = len(path.used & set(range(start, start + len(phrase))))
        names = any(name in phrase for name in ALIAS_RELATIONS if len(name) >= 2)  # 别称属于: the mention's other name
        if len(phrase) >= 3 and covered <= 1 and not names and not any(phrase[i:i + 2] in spelled for i in range(len(phrase) - 1)):
            return phrase
    return ""


def owner(view: GraphView, mention: Mention) -> Mention | None:
    """A bare value (永乐, only ever an object) read as the entity it names: the one or two
    subjects whose name starts with it, or that hold it as one of their own names (年号, 字,
    号, 别名…). None when the mention has edges of its own or no such subject is clear."""
    if mention.end - mention.start < 2 or not view.is_value(mention.entities):
        return None
    owners: dict[str, None] = {}
    for entity in mention.entities[:3]:
        for edge in view.edges(entity)[:50]:
            if edge.direction == "in" and (edge.relation in WORDS.self_names or edge.relation in ALIAS_RELATIONS
                                           or fold(edge.other).startswith(mention.surface)):
                owners[edge.other] = None
    if not 1 <= len(owners) <= 2:
        return None
    return mention._replace(entities=tuple(owners))


def contained(view: GraphView, mentions: list[Mention]) -> set[Mention]:
    """Mentions whose entity is an object of another mentioned entity: in "琅琊榜里梅长苏是谁演的"
    梅长苏 belongs to 琅琊榜, which only sets the scene; the question is about 梅长苏."""
    if len(mentions) < 2:
        return set()
    found = set()
    for mention in mentions[:CONTEXT_MENTIONS]:
        names = {view.rank_entities(mention.entities)[0]}
        for other in mentions[:CONTEXT_MENTIONS]:
            if other is not mention and any(
                edge.direction == "out" and edge.other in names
                for entity in other.entities[:3] for edge in view.edges(entity)[:200]
            ):
                found.add(mention)
                break
    return found


def read_relationship(view: GraphView, text: str, pair, mentions: list[Mention]) -> Reading | None:
    sides = []
    for lo, hi in pair:
        inside = [m for m in mentions if m.start >= lo and m.end <= hi]
        # Each side must be (mostly) a name: "赵问雁与其他好朋友的关系" asks for 好友, not a path.
        if not inside or 2 * (inside[0].end - inside[0].start) < len(q.strip_frame(text[lo:hi])):
            return None
        sides.append(inside[0])  # longest first
    first, second = (owner(view, side) or side for side in sides)
    return Reading(RELATIONSHIP_SCORE, "relationship", tuple(view.rank_entities(first.entities)), first.surface,
                   other=tuple(view.rank_entities(second.entities)), other_surface=second.surface)
