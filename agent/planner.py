"""The offline planner: a deterministic, rule-based baseline that writes the same JSON plan a model
would, from the question and the KG's own vocabulary. No model, no GPU, under a millisecond a plan.

How it reads a question:
1. questions that need no knowledge (greetings, arithmetic, writing requests, small talk that names
   no KG entity) are recognised by pattern;
2. entity mentions are found by an Aho–Corasick pass over every name and alias (agent.mentions),
   longest match first; the options of a choice question (连载中还是已完结) are not topics;
3. each mentioned entity's own edges are scored against the rest of the question (shared
   characters, the synonym lexicon of kg/data, question words such as 谁/哪里/哪年/多少), and
   paths of up to three hops grow from the mention outward, each hop read from the edges of the
   previous hop's results (the planner looks ahead in the KG; the code it writes still makes every
   lookup, so the trace shows them). One hop per path may be taken on words no relation shares,
   when the question says more than the path explains and only a few relations are left;
   Going straight back along the hop just taken (X的作者还写过什么: X→作者→作者 of whom) is allowed
   only when the question asks for the others sharing that end: 同一个/相同 anywhere, or 其他/别的/还
   after the words explained so far (还 only with content after it: "他还有什么代表作品" means "in
   addition"). A kind noun naming what the results are (哪些小说) filters, and supports no hop.
   An incoming edge is also named by its inverse words (成吉思汗的孙子: whose 祖父 he is) on the first
   hop, and on parent/child edges at any hop; kinship words the entity has no edge for are spelled
   as parent chains (爷爷 = 父亲的父亲); 以前/曾经 favour 曾-/前-/原- relations; 叫什么名字 after
   people recorded under a title (帝号) adds their 本名; a bare value that is an entity's own name
   (乾隆, 乾隆帝's 年号) stands for that entity when no fact fits the value itself;
4. patterns pick the call: X和Y是什么关系 → find_relationship, 介绍一下X / X是一家什么公司 → get_entity_info; words
   naming a relation the entity lacks (金庸的妻子) → find_entity_or_value on those words, so the KG
   says it is missing, then get_entity_info only if it is; anything else → a chain of
   find_entity_or_value (X的A和B: two calls side by side); a later clause whose 他/她/它 refers back
   is chained on the first clause's result variable, and a pronoun with no clause before it is
   resolved from the last turn.
Nothing here is keyed to particular questions or entities; it is an honest baseline and says so.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NamedTuple

from agent import mentions as words
from agent.mentions import Mention, MentionIndex, fold
from agent.types import Turn
from kg.base import KGVocabulary
from kg.linking import ALIAS_RELATIONS, RelationLexicon, default_lexicon, strip_suffix, suffix_of

BASELINE_NOTE_ZH = "（离线规则规划器：按字面和同义词匹配选择实体和关系，是没有模型的基线。）"
BASELINE_NOTE_EN = "(Offline rule-based planner: picks entities and relations by literal and synonym matching; a baseline without a model.)"

MAX_HOPS = 3
BEAM = 6  # partial paths kept per hop: enough for the few edges a phrase can fit
MAX_MENTIONS = 12  # mentions scored per question, longest first
MAX_NODES = 60  # intermediate results whose edges are read per hop
HOP_COST = 0.6  # each extra hop must be earned by the text it explains
MIN_SUPPORT = 0.6  # a hop needs at least one content character (or a synonym) of its relation
ORDER_COST = 0.5  # for a hop named entirely before the hops it follows
RETURN_COST = 0.3  # a hop landing only where the path has been (成员 then 所属组合) is suspect
MAX_GUESS_CHOICES = 3  # outgoing relations among which a hop may be guessed
LEFTOVER = 1  # unexplained content characters that justify a hop no word of the question names
CONTEXT_BONUS = 0.6  # for a mention that another mention's entity points to (see _contained)
HISTORY_BONUS = 3.0  # the referent a pronoun's kind points to wins over a better-fitting other
ALSO_MIN_SUPPORT = 2.0  # a second relation asked with 和 must be named by two characters or more
TYPE_RELATIONS = frozenset("类别 类型 类 分类 种类 体裁 性质 作品类型 作品体裁 type genre category instance_of".split())
PERSON_ANCHOR_MIN = 1.5  # a 他/她 clause read on the first clause's topic instead of the person found
REAL_NAME = "本名"  # the name a person recorded under a title (帝号, 笔名 entries) was born with
SELF_NAMES = frozenset("年号 庙号 谥号 尊号 帝号 字 号 别号 封号 称号".split())  # a value that names its subject
MENTION_WEIGHT = 0.45  # per character of the mention: longer names are likelier the topic


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


class Reading(NamedTuple):
    """One way of understanding the question: an anchor and what to do with it."""

    score: float
    kind: str  # "fact", "info", "relationship"
    anchor: tuple[str, ...]  # entity names, or () when the anchor is a variable
    surface: str
    path: Path | None = None
    other: tuple[str, ...] = ()  # second entity of a relationship question
    other_surface: str = ""
    also: tuple[Path, ...] = ()  # further one-hop facts asked with 和 ("X的作词和作曲")
    asked: tuple[str, ...] = ()  # an "info" reading's relation words that fit no edge ("金庸的妻子")


class OfflinePlanner:
    """`Planner` without a model: reads the KG's vocabulary (`KGVocabulary`) to plan."""

    name = "offline baseline (rule-based planner)"

    def __init__(self, kg: KGVocabulary, lexicon: RelationLexicon | None = None) -> None:
        if not isinstance(kg, KGVocabulary):
            raise TypeError(
                f"OfflinePlanner needs a KG that also implements kg.base.KGVocabulary (mentions, edges, "
                f"relation_names, triples, link_entity); {type(kg).__name__} does not. Use a model planner instead."
            )
        self.kg = kg
        self.lexicon = lexicon or getattr(kg, "lexicon", None) or default_lexicon()
        self._index: MentionIndex | None = None
        self._synonyms: dict[str, list[str]] = {}
        self._inverse_names: dict[str, list[str]] = {}
        self._lexicon_words = [w for w in self.lexicon.synonyms if len(w) >= 2]

    def synonyms(self, relation: str) -> list[str]:
        """Lexicon synonyms of a relation name, and of the lexicon words inside it (汉语名称 contains
        汉语名, whose synonyms include 中文名): graphs coin many variants of the same few names."""
        found = self._synonyms.get(relation)
        if found is None:
            found = self.lexicon.expand(relation)
            for word in self._lexicon_words:
                if word != relation and word in relation:
                    found += [word, *self.lexicon.expand(word)]
            found = self._synonyms[relation] = [w for w in dict.fromkeys(found) if w != relation]
        return found

    def inverse_names(self, relation: str) -> list[str]:
        """Words naming an incoming edge from its object's side: its synonyms, then the inverse
        lexicon's names for it (元世祖 -祖父-> 成吉思汗 is 成吉思汗's 孙子) and their synonyms."""
        found = self._inverse_names.get(relation)
        if found is None:
            inverse = [w for w in self.lexicon.inverse(relation) if w != relation]
            found = list(dict.fromkeys([*self.synonyms(relation), *inverse, *(x for w in inverse for x in self.lexicon.expand(w))]))
            found = self._inverse_names[relation] = [w for w in found if w != relation]
        return found

    @property
    def index(self) -> MentionIndex:
        """The mention automaton, built on the first question (a 20k-entity KG: well under a second)."""
        if self._index is None:
            self._index = MentionIndex(self.kg)
        return self._index

    # ------------------------------------------------------------------ entry point

    def plan(self, question: str, history: Sequence[Turn] = (), feedback: str | None = None) -> str:
        english = words.is_english(question)
        text = fold(question)
        no_knowledge = words.no_knowledge_reason(text)
        if no_knowledge == "chitchat" and self._names_outside(text, words.chitchat_span(text)):
            no_knowledge = None  # "中市街道的天气怎么样": small-talk words about a KG entity
        if no_knowledge:
            return _dump(False, words.no_knowledge_thought(no_knowledge, english), None)
        clauses = words.split_compound(text)
        if clauses:
            plan = self._plan_compound(clauses, english)
            if plan:
                return plan
        reading = self._read(text, english)
        if history and words.has_pronoun(text) and words.relationship_sides(text):
            reading = self._read_relationship_with_history(text, history) or reading
        elif history and (reading is None or words.has_pronoun(text)):
            # "他的妻子是谁": the pronoun's referent from the last turn, unless the question names
            # its own topic better (a fact reading beats an entry lookup on an earlier entity).
            earlier = self._read_with_history(text, history, english)
            if earlier is not None and (reading is None or earlier.kind == "fact" or reading.kind != "fact"):
                reading = earlier
        if reading is None:
            guess = words.guess_entity(text)
            if guess is None:
                return _dump(False, words.no_mention_thought(english), None)
            reading = Reading(0.0, "guess", (guess,), guess)
        if feedback and reading.kind == "fact":
            # A deterministic planner cannot rethink; after a failure it asks for the whole entry.
            reading = reading._replace(kind="info", path=None)
        writer = _CodeWriter(self.lexicon, english)
        thought = writer.emit(reading, None, text)
        return _dump(True, thought + (BASELINE_NOTE_EN if english else BASELINE_NOTE_ZH), writer.code())

    # ------------------------------------------------------------------ readings

    def _read(self, text: str, english: bool) -> Reading | None:
        mentions = self._mentions(text)
        if not mentions:
            return None
        pair = words.relationship_sides(text)
        if pair:
            reading = self._read_relationship(text, pair, mentions)
            if reading:
                return reading
        best: Reading | None = None
        contained = self._contained(mentions)
        for mention in mentions:
            reading = self._read_mention(text, mention, english)
            owner = self._owner(mention) if reading.kind != "fact" else None
            if owner is not None:
                # "乾隆的爷爷是谁" where 乾隆 is only 乾隆帝's 年号: no fact fits the bare value, so the
                # question is about the entity whose own name it is.
                promoted = self._read_mention(text, owner, english)
                # Only a fact found on the entity is new evidence; an entry lookup on it ranks as
                # low as the bare value did ("登山出自哪本文献": 文献 is some 谥号; 登山 is asked about).
                reading = promoted if promoted.kind == "fact" else promoted._replace(score=min(promoted.score, reading.score))
            if mention in contained:
                reading = reading._replace(score=reading.score + CONTEXT_BONUS)
            if best is None or reading.score > best.score:
                best = reading
        return best

    def _contained(self, mentions: list[Mention]) -> set[Mention]:
        """Mentions whose entity is an object of another mentioned entity: in "琅琊榜里梅长苏是谁演的"
        梅长苏 belongs to 琅琊榜, which only sets the scene; the question is about 梅长苏."""
        if len(mentions) < 2:
            return set()
        found = set()
        for mention in mentions[:6]:
            names = {self._rank_entities(mention.entities)[0]}
            for other in mentions[:6]:
                if other is not mention and any(
                    edge.direction == "out" and edge.other in names
                    for entity in other.entities[:3] for edge in self.kg.edges(entity)[:200]
                ):
                    found.add(mention)
                    break
        return found

    def _names_outside(self, text: str, span: tuple[int, int]) -> bool:
        return any(m.end - m.start >= 2 and (m.end <= span[0] or m.start >= span[1]) for m in self._mentions(text))

    def _mentions(self, text: str) -> list[Mention]:
        options = words.choice_spans(text)
        found = [m for m in self.index.find(text) if self._plausible(m, text)
                 and not (self._is_value(m) and any(lo <= m.start and m.end <= hi for lo, hi in options))]
        return found[:MAX_MENTIONS]

    def _owner(self, mention: Mention) -> Mention | None:
        """A bare value (乾隆, only ever an object) read as the entity it names: the one or two
        subjects whose name starts with it, or that hold it as one of their own names (年号, 字,
        号, 别名…). None when the mention has edges of its own or no such subject is clear."""
        if mention.end - mention.start < 2 or not self._is_value(mention):
            return None
        owners: dict[str, None] = {}
        for entity in mention.entities[:3]:
            for edge in self.kg.edges(entity)[:50]:
                if edge.direction == "in" and (edge.relation in SELF_NAMES or edge.relation in ALIAS_RELATIONS
                                               or fold(edge.other).startswith(mention.surface)):
                    owners[edge.other] = None
        if not 1 <= len(owners) <= 2:
            return None
        return mention._replace(entities=tuple(owners))

    def _is_value(self, mention: Mention) -> bool:
        """Only ever an object (连载中, 已完结): an answer, not a topic."""
        return not any(self._has_out_edges(entity) for entity in mention.entities[:5])

    def _plausible(self, mention: Mention, text: str) -> bool:
        if mention.end - mention.start >= 2:
            return not words.is_question_word(mention.surface)
        # A one-character name (砷, 啬; 着 and 为 too, as in "着的繁体字") may be the topic; not a
        # particle inside the sentence, nor the 年 of 哪年.
        return words.single_char_mention_ok(text, mention.start)

    def _read_mention(self, text: str, mention: Mention, english: bool) -> Reading:
        rest = words.drop_name_question(words.rest_of(text, mention.start, mention.end), mention.end)
        entities = tuple(self._rank_entities(mention.entities, text))
        rest = words.spell_kinship(rest, mention.end, lambda word: self._has_relation(entities[0], word))
        hint = fold(suffix_of(entities[0]))
        if len(hint) >= 2 and hint in rest:
            # 小说《活着》: the words that chose 活着（小说） are spent; they name no relation.
            entities = tuple(e for e in entities if fold(suffix_of(e)) == hint)
            rest = rest.replace(hint, words.HOLE * len(hint))
        weight = MENTION_WEIGHT * words.mention_length(mention.surface)
        if not self._has_out_edges(entities[0]):
            weight *= 0.5  # a bare value (only ever an object) is rarely what a question is about
        single = mention.end - mention.start == 1
        path = None
        kinds: list[str] = []
        if words.is_introduction(rest):
            # "三体是什么小说" introduces; "余华的作品有哪些" asks an edge whose name holds the kind word.
            if not words.is_introduction(rest, kinds=False):
                path = self._best_path(entities, rest, english)
                kinds = words.intro_kinds(rest)
                types = self._types(path.nodes) if path is not None else set()
                if path is not None and not any(kind in path.hops[0].relation or any(kind in t for t in types) for kind in kinds):
                    path = None
                if path is None:
                    path = self._typed_hop(entities, kinds)
            if path is None:
                kinds = kinds or words.intro_kinds(rest)  # "三体是一部什么样的小说": the novel
                typed = [e for e in entities if any(k in t for k in kinds for t in self._types([e]))] if kinds else []
                if typed and len(entities) > 1:
                    entities = tuple(typed)  # "红楼梦是什么小说": the novel, not the drama of the same name
                return Reading(weight + 0.5 - (1.0 if single else 0.0), "info", entities, mention.surface)
        else:
            path = self._best_path(entities, rest, english)
            if path is not None and self._names_another(path, rest, mention.end, english):
                path = None
        if path is None:
            # A one-character name with nothing in the question fitting its edges: most likely a
            # character of some other word, so this reading ranks below any other. Words naming a
            # relation the entity lacks are asked anyway: the KG's answer says it has none.
            asked = () if single else tuple(words.relation_phrase(rest, mention.end, english))
            if any(a in ALIAS_RELATIONS for a in asked):
                asked = ()  # 恐怖鸟的别称…: the mention's other name, which its own edges skip too
            return Reading(weight - (2.0 if single else 0.0), "info", entities, mention.surface, asked=asked)
        also: tuple[Path, ...] = ()
        if words.has_conjunction(rest):
            # "X的作曲和作词": two relations side by side, not a chain through the first's answer.
            single_hop = self._best_path(entities, rest, english, max_hops=1)
            also = self._also_asked(single_hop, rest, english) if single_hop else ()
            if also and single_hop.score + sum(p.score for p in also) >= path.score:
                path = single_hop
            else:
                also = self._also_asked(path, rest, english)
            if also and len(path.hops) == 1 and min(also[0].used, default=0) < min(path.used, default=0):
                path, also = also[0], (path,)  # ask in the question's order
        if words.asks_name(text[mention.end:]):
            path = self._with_real_name(path)
        return Reading(weight + path.score, "fact", path.starts, mention.surface, path, also=also)

    def _with_real_name(self, path: Path) -> Path:
        """"隋炀帝他爸叫什么名字": when the people found are recorded under a title (隋文帝) that
        has a 本名 of its own, 叫什么名字 asks for that name: one more hop."""
        if path.hops[-1].relation in ALIAS_RELATIONS or not path.nodes or len(path.nodes) > 3:
            return path
        names: list[str] = []
        seen: set[str] = set()
        for node in path.nodes:
            edges = self.kg.edges(node)
            seen.update(edge.relation for edge in edges)
            real = [edge.other for edge in edges if edge.direction == "out" and edge.relation == REAL_NAME]
            if not real:
                return path
            names += real
        return path._replace(hops=path.hops + (Hop(REAL_NAME, "out"),), nodes=tuple(names),
                             seen=path.seen + (frozenset(seen),))

    def _names_another(self, path: Path, rest: str, end: int, english: bool) -> bool:
        """"勒布朗的妻子是谁" where only 儿子 shares a character (子): the words after the mention
        are a relation word of the lexicon that is neither this relation nor its synonym, and
        share at most one character with it. The question asks something the entity lacks."""
        if english:
            return False
        phrase = next(iter(words.relation_phrase(rest, end, english)), "")
        relation = path.hops[0].relation
        if not phrase or phrase not in self.lexicon.synonyms or phrase in relation or relation in phrase:
            return False
        expanded = set(self.lexicon.expand(phrase))
        if any(phrase in e.relation or e.relation in expanded for e in self.kg.edges(path.starts[0])):
            return False  # the entity has the relation asked (X的妻子和出生地: the 妻子 comes with 和)
        start = rest.index(phrase, end)
        if len(path.used & set(range(start, start + len(phrase)))) >= 2:
            return False  # some hop of the path explains the phrase
        if phrase in self.synonyms(relation) or any(phrase in w or w in phrase for w in self.synonyms(relation) if len(w) >= 2):
            return False
        return sum(1 for ch in set(phrase) if ch in relation) < 2

    def _also_asked(self, path: Path, rest: str, english: bool) -> tuple[Path, ...]:
        """"青花瓷的作曲和作词是谁": after the best path, other relations of the same entity that
        the words it left unexplained name clearly (two characters or more)."""
        if len(path.hops) != 1:
            return ()
        query = words.Query(rest, english)
        state = _State(0.0, (), path.starts, path.used, (), (), True, frozenset(path.starts))
        found = []
        for extra in sorted(self._grow(state, query, 0), key=lambda s: -s.score):
            if extra.score >= ALSO_MIN_SUPPORT and extra.hops[0] != path.hops[0] and extra.hops[0].direction == "out":
                found.append(Path(extra.score, extra.hops, extra.nodes, extra.starts, extra.seen, extra.used))
                state = state._replace(used=state.used | extra.used)
                break
        return tuple(found)

    def _has_relation(self, entity: str, word: str) -> bool:
        """Whether an edge of the entity answers the relation word, by name, synonym or inverse."""
        names = {word, *self.lexicon.expand(word)}
        return any(edge.relation in names if edge.direction == "out" else
                   (edge.relation in names or word in self.inverse_names(edge.relation))
                   for edge in self.kg.edges(entity))

    def _has_out_edges(self, entity: str) -> bool:
        return any(edge.direction == "out" for edge in self.kg.edges(entity))

    def _rank_entities(self, entities: Sequence[str], text: str = "") -> list[str]:
        # The entity whose disambiguation the question echoes (小说《活着》 → 活着（小说）) first,
        # then entities (with outgoing edges) before bare values, the vocabulary's order otherwise.
        def key(entity: str) -> tuple[int, bool, bool]:
            hint = fold(suffix_of(entity))
            echoed = sum(1 for ch in set(hint) if ch in text and ch not in words.FUNCTION_CHARS)
            return (-echoed, bool(hint), not self._has_out_edges(entity))
        return sorted(entities, key=key)

    def _read_relationship(self, text: str, pair: tuple[tuple[int, int], tuple[int, int]], mentions: list[Mention]) -> Reading | None:
        sides = []
        for lo, hi in pair:
            inside = [m for m in mentions if m.start >= lo and m.end <= hi]
            # Each side must be (mostly) a name: "赵问雁与其他好朋友的关系" asks for 好友, not a path.
            if not inside or 2 * (inside[0].end - inside[0].start) < len(words.strip_frame(text[lo:hi])):
                return None
            sides.append(inside[0])  # longest first
        first, second = sides
        first, second = self._owner(first) or first, self._owner(second) or second
        return Reading(10.0, "relationship", tuple(self._rank_entities(first.entities)), first.surface, None,
                       tuple(self._rank_entities(second.entities)), second.surface)

    def _read_relationship_with_history(self, text: str, history: Sequence[Turn]) -> Reading | None:
        """"他和昆凌是什么关系": one side is a pronoun, the other a mention."""
        sides = words.relationship_sides(text)
        mentions = self._mentions(text)
        named = [m for m in mentions if any(lo <= m.start and m.end <= hi for lo, hi in sides)]
        referent = self._referent(text, history, exclude={m.surface for m in named})
        if not named or referent is None:
            return None
        first = named[0]
        return Reading(10.0, "relationship", tuple(self._rank_entities(referent.entities)), referent.surface, None,
                       tuple(self._rank_entities(first.entities)), first.surface)

    def _referent(self, text: str, history: Sequence[Turn], exclude: set[str]) -> Mention | None:
        """The entity of the last turn a pronoun most likely means (see _read_with_history)."""
        question, answer = history[-1]
        asked = {m.surface for m in self._mentions(fold(question))}
        person = words.refers_to_person(text)
        found = [((source is answer and m.surface not in asked) == person, m)
                 for source in (answer, question) for m in self._mentions(fold(source)) if m.surface not in exclude]
        return next((m for fits, m in found if fits), found[0][1] if found else None)

    def _read_with_history(self, text: str, history: Sequence[Turn], english: bool) -> Reading | None:
        """他/她/它 with no mention of its own: an entity of the last turn. The answer's new entity
        (昆凌 in "周杰伦的妻子是昆凌") is the likeliest referent, then the last question's topic."""
        question, answer = history[-1]
        asked = {m.surface for m in self._mentions(fold(question))}
        rest = words.rest_of(words.drop_pronouns(text), 0, 0)
        # 他/她 (he/she) point at a person, most often the answer; 它/这部作品 at the thing asked about.
        person = words.refers_to_person(text)
        best: Reading | None = None
        for source in (answer, question):
            for mention in self._mentions(fold(source)):
                entities = tuple(self._rank_entities(mention.entities))
                path = self._best_path(entities, rest, english)
                new = source is answer and mention.surface not in asked
                prior = HISTORY_BONUS if new == person else 0.0
                score = (path.score if path else 0.0) + prior
                kind = "fact" if path else "info"
                reading = Reading(score, kind, path.starts if path else entities, mention.surface, path)
                if best is None or reading.score > best.score:
                    best = reading
        return best

    # ------------------------------------------------------------------ compound questions

    def _plan_compound(self, clauses: tuple[str, str], english: bool) -> str | None:
        """"《三体》的作者是谁？他还写过什么？": the second clause's pronoun is the first's result
        when that result has edges fitting the second clause, else the first clause's topic."""
        first = self._read(clauses[0], english)
        if first is None or first.kind == "relationship":
            return None
        rest = words.rest_of(words.drop_pronouns(clauses[1]), 0, 0)
        # 他/她 lean to the first clause's answer (a person found), 它/这部作品 to its topic.
        lean = 0.2 if words.refers_to_person(clauses[1]) else -0.2
        candidates: list[tuple[float, str, Path]] = []
        if first.kind == "fact" and first.path:
            path = self._best_path(first.path.nodes, rest, english)
            if path:
                candidates.append((path.score + lean, "result", path))
        path = self._best_path(first.anchor, rest, english)
        person_found = first.kind == "fact" and words.refers_to_person(clauses[1]) and first.path and any(
            self._has_out_edges(node) for node in first.path.nodes[:5])
        # 他/她 after a person was found ("周杰伦的妻子是谁？她是哪国人？"): the topic is a fallback
        # only when the clause names one of its edges clearly, not by one shared character (人).
        if path and not (person_found and not candidates and path.score < PERSON_ANCHOR_MIN):
            candidates.append((path.score, "anchor", path))
        writer = _CodeWriter(self.lexicon, english)
        thought = writer.emit(first, None, clauses[0])
        if candidates:
            _, target, path = max(candidates, key=lambda c: c[0])
            second = Reading(path.score, "fact", path.starts if target == "anchor" else (), first.surface, path)
            thought += writer.emit(second, writer.last_var if target == "result" else None, clauses[1])
        elif first.kind == "fact":
            asked = tuple(words.relation_phrase(rest.lstrip(words.HOLE), 0, english))
            second = Reading(0.0, "info", (), first.surface, asked=asked)
            thought += writer.emit(second, writer.last_var, clauses[1])
        else:
            return None
        return _dump(True, thought + (BASELINE_NOTE_EN if english else BASELINE_NOTE_ZH), writer.code())

    # ------------------------------------------------------------------ path search

    def _best_path(self, anchors: Sequence[str], rest: str, english: bool, max_hops: int | None = None) -> Path | None:
        """The best-scoring chain of relations from the anchors that the rest of the question fits."""
        query = words.Query(rest, english)
        if not query.content:
            return None
        frontier = [_State(0.0, (), tuple(anchors), frozenset(), (), (), False, frozenset(anchors))]
        done: list[Path] = []
        for depth in range(max_hops or MAX_HOPS):
            grown: list[_State] = []
            for state in frontier:
                grown += self._grow(state, query, depth)
            if not grown:
                break
            # The answer-type bonus ranks the beam too: several guessed hops often tie on score.
            grown.sort(key=lambda item: -(item.score + query.answer_type_bonus(item.hops[-1].relation, item.nodes)))
            frontier = grown[:BEAM]
            for state in frontier:
                bonus = query.answer_type_bonus(state.hops[-1].relation, state.nodes)
                done.append(Path(state.score + bonus, state.hops, state.nodes, state.starts, state.seen, state.used))
        if not done:
            return None
        return max(done, key=lambda p: (p.score, -len(p.hops)))

    def _grow(self, state: _State, query: words.Query, depth: int) -> list[_State]:
        """Every next hop from the state's nodes that the question supports."""
        groups: dict[Hop, dict[str, None]] = {}
        owners: dict[Hop, dict[str, None]] = {}
        for node in state.nodes[:MAX_NODES]:
            for edge in self.kg.edges(node):
                hop = Hop(edge.relation, edge.direction)
                groups.setdefault(hop, {})[edge.other] = None
                owners.setdefault(hop, {})[node] = None
        names = frozenset(hop.relation for hop in groups)
        if state.hops and not query.asks_for_others_after(state.used, names):
            # Straight back along the edge just taken only when 其他/还写过/同一个 asks for the rest.
            groups.pop(_reverse(state.hops[-1]), None)
        # The question may go on in words no relation here shares ("X的职业有哪些责任": 责任 for
        # 职责): one such guessed hop per path, when content is left after the last explained word,
        # outgoing, not back where the path has been, and among a few relations only (from a node
        # with dozens a guess is noise).
        outgoing = sum(1 for hop in groups if hop.direction == "out")
        # "刘慈欣写过哪些小说": 小说 says what the works are; it supports no further hop (原著).
        typed = query.typed_positions(self._types(state.nodes), names) if depth else frozenset()
        taken = state.used | typed
        leftover = (depth > 0 and not state.guessed and 0 < outgoing <= MAX_GUESS_CHOICES
                    and query.unexplained(state.used, self._kinds(state.nodes), typed) >= LEFTOVER)
        grown = []
        for hop, others in groups.items():
            if state.back:
                break  # the others sharing an end (X的作者还写过什么) are the answer: nothing follows
            # Inverse names (成吉思汗的孙子 for an incoming 祖父) only on the first hop: later, where the
            # path has just come from, they mostly re-read the words of the hop before.
            # Parent/child edges are the exception: 孙子 = 儿子的儿子 may run against two 父亲 edges.
            inverse = hop.direction == "in" and (not depth or hop.relation in words.KIN_RELATIONS)
            names_for = self.synonyms(hop.relation)
            if inverse:
                # Whole words only: a character shared with some inverse name (属 of 所属地区) is
                # too weak to read an edge backwards.
                names_for = names_for + [w for w in self.inverse_names(hop.relation) if w in query.cjk]
            support, positions = query.support(hop.relation, taken, names_for)
            guessed = is_back = False
            if state.hops and hop == _reverse(state.hops[-1]):
                # "流浪地球的导演还拍过什么": the same word names both hops; the others are wanted.
                # Like a guessed hop, it is one per path and never after a guess.
                if state.guessed:
                    continue
                support, guessed, is_back = max(support, HOP_COST + 0.1), True, True
            if support < MIN_SUPPORT and leftover and hop.direction == "out" and not state.visited.issuperset(others):
                support, positions, guessed = HOP_COST + 0.05, frozenset(), True
            if support < MIN_SUPPORT:
                continue
            if depth and hop.direction == "in" and query.only_kind_noun(positions):
                continue  # "黄河流经哪些省份": 省份 says what the 流经 are; no way back to what lies in them
            if depth == 0 and hop.relation in ALIAS_RELATIONS and state.visited.issuperset(others):
                continue  # 金庸 -本名-> 查良镛: the mention itself, named the other way; nothing asked
            if state.visited.issuperset(others):
                support -= RETURN_COST
            if positions and state.used and max(positions) < min(state.used):
                support -= ORDER_COST  # X的A的B: a later hop is named later in the question
            grown.append(_State(
                state.score + support - (HOP_COST if depth else 0.0), state.hops + (hop,), tuple(others),
                state.used | positions, state.starts or tuple(owners[hop]), state.seen + (names,), state.guessed or guessed,
                state.visited | others.keys() if len(state.visited) < 500 else state.visited, is_back,
            ))
        return grown

    def _typed_hop(self, entities: Sequence[str], kinds: Sequence[str]) -> Path | None:
        """"余华的小说有哪些": no relation is named, but one outgoing relation leads to things of the
        kind asked (活着（小说）): the relation with most such objects, if any."""
        best: tuple[int, Hop, tuple[str, ...]] | None = None
        groups: dict[str, list[str]] = {}
        for edge in self.kg.edges(entities[0]):
            if edge.direction == "out" and edge.relation not in ALIAS_RELATIONS and edge.relation not in TYPE_RELATIONS:
                groups.setdefault(edge.relation, []).append(edge.other)
        for relation, objects in groups.items():
            hits = sum(1 for o in objects if any(kind in t for t in self._types([o]) for kind in kinds))
            if hits and (best is None or hits > best[0]):
                best = (hits, Hop(relation, "out"), tuple(objects))
        if best is None:
            return None
        names = frozenset(groups)
        return Path(1.0, (best[1],), best[2], (entities[0],), (names,), frozenset())

    def _types(self, nodes: Sequence[str]) -> set[str]:
        """What the nodes are, strictly: their disambiguations and their type relations' values."""
        kinds: set[str] = set()
        for node in nodes[:20]:
            kinds.add(fold(suffix_of(node)))
            kinds.update(fold(edge.other) for edge in self.kg.edges(node)[:30]
                         if edge.direction == "out" and edge.relation in TYPE_RELATIONS)
        kinds.discard("")
        return kinds

    def _kinds(self, nodes: Sequence[str]) -> set[str]:
        """What the nodes are (their disambiguations and values, e.g. 电影): a noun of the question
        naming one of these is the answer's kind, not one more relation."""
        kinds: set[str] = set()
        for node in nodes[:20]:
            kinds.add(fold(suffix_of(node)))
            kinds.update(fold(edge.other) for edge in self.kg.edges(node)[:30] if edge.direction == "out")
        kinds.discard("")
        return kinds


def _reverse(hop: Hop) -> Hop:
    return Hop(hop.relation, "in" if hop.direction == "out" else "out")


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


def _dump(need: bool, thought: str, code: str | None) -> str:
    plan = {"need_knowledge": "是" if need else "否", "thought": thought}
    if code:
        plan["code"] = code
    return json.dumps(plan, ensure_ascii=False)


# ---------------------------------------------------------------------- code writing


class _CodeWriter:
    """Accumulates the body of search() and the thought that explains it."""

    def __init__(self, lexicon: RelationLexicon, english: bool) -> None:
        self.lexicon, self.english = lexicon, english
        self.lines: list[str] = []
        self.count = 0
        self.last_var: str | None = None

    def _var(self) -> str:
        self.count += 1
        return f"result{self.count}"

    def _call(self, depth: int, target: str, call: str) -> None:
        indent = "\t" * (depth + 1)
        self.lines.append(f"{indent}{target}, msg = {call}")
        self.lines.append(f"{indent}messages += msg")

    def emit(self, reading: Reading, source_var: str | None, clause: str) -> str:
        """Write the calls of one reading; `source_var` is the variable its anchor is bound to."""
        depth = 0
        if source_var:
            self.lines.append(f"\tif {source_var}:")
            depth = 1
            entity_arg = source_var
            who = (f"the result of the previous step ({source_var})" if self.english
                   else f"上一步的结果（{source_var}）")
        else:
            entity_arg = repr(self._entity_aliases(reading.anchor, reading.surface))
            who = _quote(reading.anchor[0] if reading.anchor else reading.surface, self.english)
        if reading.kind == "relationship":
            other = repr(self._entity_aliases(reading.other, reading.other_surface))
            var = self._var()
            self._call(depth, var, f"find_relationship(entity1_aliases = {entity_arg}, entity2_aliases = {other})")
            self.last_var = var
            second = _quote(reading.other[0], self.english)
            return (f"The question asks how {who} and {second} are related, so I look for the relationship between them. "
                    if self.english else f"这个问题问的是{who}和{second}之间的关系，我用find_relationship查询两者的关系。")
        if reading.asked:
            # "金庸的妻子": no edge fits, so the relation is asked as written; the KG answers that
            # it is missing and lists the relations the entity has — not a dump of every fact.
            var = self._var()
            aliases = list(dict.fromkeys([*reading.asked, *(w for a in reading.asked for w in self.lexicon.expand(a))]))[:6]
            self._call(depth, var, f"find_entity_or_value(entity_aliases = {entity_arg}, relation_aliases = {aliases!r})")
            # The words may name an edge in other words (坐标 for 经纬度): the entry follows, for the
            # answerer to say the relation is missing and what the entity does record.
            self.lines.append("\t" * (depth + 1) + f"if not {var}:")
            fallback = self._var()
            self._call(depth + 1, fallback, f"get_entity_info(entity_aliases = {entity_arg})")
            self.last_var = var
            if self.english:
                return f"The question asks {who} for {', '.join(map(repr, aliases))}, a relation no edge of it fits by name; I ask for it anyway, and fetch its entry if the graph has no such relation. "
            return f"问题问的是{who}的“{reading.asked[0]}”，它的关系里没有字面相符的，我仍按这个关系及其同义词查询；如果知识图谱没有这个关系，再获取它的信息。"
        if reading.kind in ("info", "guess") or reading.path is None:
            targets = [entity_arg]
            if not source_var and len(reading.anchor) > 1 and not _echoes_suffix(reading.anchor[0], clause):
                # 择天记 is a drama and a novel: the question does not say which, so ask for each.
                targets = [repr([name]) for name in reading.anchor[:3]]
            for target in targets:
                var = self._var()
                self._call(depth, var, f"get_entity_info(entity_aliases = {target})")
                self.last_var = var
            if reading.kind == "guess":
                return (f"No name of the knowledge graph appears in the question; I guess the topic is {who} and fetch its entry. "
                        if self.english else f"问题里没有找到知识图谱中的实体名，我猜测问题的主题是{who}，查询它的百科信息。")
            return (f"The question asks about {who} in general, so I fetch its whole entry with get_entity_info. "
                    if self.english else f"这个问题是在笼统地询问{who}，没有明确的关系，我用get_entity_info获取它的全部信息。")
        steps = []
        for number, hop in enumerate(reading.path.hops):
            var = self._var()
            aliases = self._relation_aliases(hop, reading.path.seen[number])
            self._call(depth, var, f"find_entity_or_value(entity_aliases = {entity_arg}, relation_aliases = {aliases!r})")
            steps.append(self._describe(number, hop, aliases))
            self.last_var = entity_arg = var
            if number + 1 < len(reading.path.hops):
                self.lines.append("\t" * (depth + 1) + f"if {var}:")
                depth += 1
        for extra in reading.also:
            hop = extra.hops[0]
            aliases = self._relation_aliases(hop, extra.seen[0])
            start = repr(self._entity_aliases(extra.starts, reading.surface))
            self._call(0, self._var(), f"find_entity_or_value(entity_aliases = {start}, relation_aliases = {aliases!r})")
            steps.append(("and also " if self.english else "同时") + self._describe(0, hop, aliases).removeprefix("先"))
        if self.english:
            return f"Starting from {who}: " + "; ".join(steps) + ". "
        return f"问题“{clause}”从{who}出发：" + "；".join(steps) + "。"

    def _relation_aliases(self, hop: Hop, seen: frozenset[str]) -> list[str]:
        """The graph's relation name first, then synonyms (inverse names for an incoming edge) —
        leaving out any word that is itself a relation of the entities at hand: the KG tries the
        words in order and must land on the relation the planner chose."""
        if hop.direction == "in":
            # The KG tries synonyms on outgoing edges before the literal name on incoming ones,
            # so an incoming relation is asked for by its own name only — except a parent edge,
            # which the entity also has outgoing (雍正帝's 父亲 is not the child wanted): it is
            # asked by its inverse names (子女), which the KG reads from the other side.
            if hop.relation in words.KIN_RELATIONS:
                inverse = [w for w in self.lexicon.inverse(hop.relation) if w not in seen and w != hop.relation]
                if inverse:
                    return inverse[:3]
            return [hop.relation]
        extra = self.lexicon.expand(hop.relation)
        others = [w for w in dict.fromkeys(extra) if w != hop.relation and w not in seen]
        return [hop.relation] + others[:4]

    def _describe(self, number: int, hop: Hop, aliases: list[str]) -> str:
        listed = "、".join(f"'{a}'" for a in aliases) if not self.english else ", ".join(f"'{a}'" for a in aliases)
        if self.english:
            side = " (an incoming edge: the graph is searched from the other side)" if hop.direction == "in" else ""
            return f"{'then ' if number else ''}the relation '{hop.relation}'{side}, written as {listed}"
        side = "（这是指向它的反向关系，知识图谱会从另一端查找）" if hop.direction == "in" else ""
        return f"{'再' if number else '先'}查询关系'{hop.relation}'{side}，可能的表达有{listed}"

    @staticmethod
    def _entity_aliases(entities: Sequence[str], surface: str) -> list[str]:
        names = list(entities[:5])
        # The surface form goes last: it may name other entities too, which must not come first.
        if surface and all(fold(strip_suffix(n)) != surface and fold(n) != surface for n in names):
            names.append(surface)
        return names or [surface]

    def code(self) -> str:
        return "def search():\n\tmessages = ''\n" + "\n".join(self.lines) + "\n\treturn messages\n"


def _echoes_suffix(entity: str, text: str) -> bool:
    hint = fold(suffix_of(entity))
    return any(ch in text and ch not in words.FUNCTION_CHARS for ch in hint)


def _quote(name: str, english: bool) -> str:
    return f"'{name}'" if english else f"“{name}”"
