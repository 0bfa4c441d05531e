"""Scoring relation names against what is left of a question once the mention is cut out.

`Query` holds the rest of the question, ready to score: which characters a relation's name (or a
lexicon synonym) explains, what kind of answer the question word asks for, whether 其他/还/同一
asks for the others sharing a hop's end, and which kind nouns only name what the answer is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.offline import english
from agent.offline.english_phrases import (
    CO_WORDS, DO_WORDS, SAMENESS_AFTER, SAMENESS_BEFORE, SHARED_WORDS, WH, asked_kind, back_words, clause_follows, one_phrase,
)
from agent.offline.question import ASK, FUNCTION_CHARS, time_relation
from agent.offline.text import HOLE, has_cjk
from agent.offline.words import WORDS, alternation

SYNONYM_FACTOR = 0.9  # a lexicon synonym is a little weaker evidence than the graph's own name
ENGLISH_WORD_CAP = 2.0  # one English word is one piece of evidence, however many words it maps to
PAST_BONUS = 0.5  # 以前/曾经 in the question, 曾-/前-/原- on the relation
TYPE_BONUS = 0.5  # the question word's kind (谁, 哪里, 哪年, 多少) fits the relation: a tie-breaker
PARTICLE_WEIGHT = 0.2  # a matched function character (的, 是) counts this much of a content one
SOFT_WEIGHT = 0.4  # most a kind noun or restating verb (哪些电影, 打过球) counts per character
MISSING_COST = 0.12  # per character of the relation name missing from the question
BIGRAM_BONUS = 0.5  # per pair of the name's characters found side by side
LATIN_MATCH = 2.0  # per English word of a relation name found in the question (a word is worth two characters)
LATIN_MISSING = 0.3  # per English word of the name not found
VALUE_SAMPLE = 5  # values looked at for the answer-type bonus

_PLACE_VALUE = re.compile(r"[省市县区国州镇村路街洲]")
_TIME_VALUE = re.compile(r"\d{3,4}|\d+\s*[年月日]|[年月日]$|[朝代季节]$|世纪|时期|年间")
_DIGIT = re.compile(r"\d")
_YEARISH = re.compile(r"^[\d\s年月日./:-]+$")  # a value that is nothing but a date
_TIME_WORDS = frozenset("year date time born released founded".split())
_RESTATING_VERB = re.compile(r"[打踢]过?球|待过|呆过|干过|混过|效力过|工作过")
_PAST = re.compile(alternation(WORDS.past_words))
_OTHERS = re.compile(r"还(?!是)|其他|其它|别的|另外|同一|相同|同样|一样|\belse\b|\bother\b|\bsame\b|\bco\b|\btogether\b|\balso\b|\bshares?\b")
_SAME_WORDS = frozenset(("同一", "相同", "同样", "一样"))
# A kind noun after 哪些/什么/哪部, or closing the question (…的小说, …的电影有哪些).
_COUNTED = r"|(?:几|多少)[部本首]"  # 几部小说, 几本书: the noun says what kind of work is counted
_HOW_MANY = r"(?:一共|总共|共)?有(?:几|多少)[位个名家所座部本首种条件味]?"  # 的书法家有几位: the noun is what is counted
_THEN_WHO = r"(?:[?？。□，,]*(?:是哪几[位个种]?|分别是谁|都是谁|是谁|都有哪些|有哪些))?"  # 有几位？是哪几位
_TYPED_NOUN = re.compile(r"(?:哪些|哪几[部本首个位]?|哪[部本首]" + _COUNTED + r")([^的是有在吗呢?？□]{1,4})|"
                         r"的([^的是有在吗呢?？□]{1,3})(?=(?:有哪些|是哪些|有什么|都有|吗|呢|" + _HOW_MANY + r")?" + _THEN_WHO + r"[?？。□]*$)|"
                         r"(?:几|多少)[位个名种□]?是([^的是有在吗呢?？□]{2,4})(?=[?？。□]*$)")
_ASK_CHARS = re.compile(r"[时候年天里地方怎为如何]")
_CO_WORD_BEFORE_NAME = re.compile(rf"\b(?:{'|'.join(sorted(CO_WORDS))})\s*{HOLE}")  # "on a team with X"
_KIND_NOUN = re.compile(r"(?:哪些|哪几[部本首个位]?|哪[部本首])([^的是有在吗呢?？□]{1,4})")


LATIN_BASE = 10_000  # Latin token positions live past any CJK position


def _groups_of(owners: list[int]) -> dict[int, frozenset[int]]:
    """Latin position → every position of the same question word (the word and what it maps to)."""
    members: dict[int, set[int]] = {}
    for position, owner in enumerate(owners):
        members.setdefault(owner, set()).add(LATIN_BASE + position)
    return {LATIN_BASE + position: frozenset(members[owner]) for position, owner in enumerate(owners)}


class Query:
    """The rest of a question, ready to score relation names against: what it asks, in which words."""

    def __init__(self, rest: str, lang: str) -> None:
        self.rest = rest
        self.lang = lang
        self.past: frozenset[int] = frozenset()
        self._hole, self._placed, self._offset = -1, [], {}  # English word order (mention_role)
        self._english = lang == "en"
        if self._english:
            self._read_english(rest)
        else:
            self._read_chinese(rest)
        # 还/其他 (others) and 同一/相同 (the same): where they stand decides whether the question
        # asks for other things sharing the last hop's end ("X的作者还写过什么"), or only says
        # "in addition" ("他还有什么代表作品", "X的代表作品还有哪些").
        self._others = [(m.start(), m.group(0)) for m in _OTHERS.finditer(rest)]
        self.content = any(ch not in FUNCTION_CHARS and ch != HOLE and not ch.isspace() for ch in self.cjk) or bool(self.latin)

    def _add_group(self, chinese: list[str]) -> None:
        # The Chinese words one English word maps to form one group: a hop that uses any of
        # them uses the English word, so "wrote" cannot justify both 作者 and 创作 hops.
        start = len(self.cjk) + (1 if self.cjk else 0)
        self.cjk += (HOLE if self.cjk else "") + HOLE.join(chinese)
        group = frozenset(range(start, len(self.cjk)))
        self._groups.update(dict.fromkeys(group, group))

    def _read_english(self, rest: str) -> None:
        spans = [m for m in english.LATIN_WORD.finditer(rest) if m.group(0) not in WORDS.en_stop]
        tokens = [m.group(0) for m in spans]
        mapped = [english.relation_words(w) for w in tokens]
        self.cjk, self._groups, self._soft = "", {}, frozenset()
        for words in mapped:
            chinese = [w for w in words if has_cjk(w)]
            if chinese:
                self._add_group(chinese)
        # One English word is one piece of evidence: the word and the words it maps to share a
        # group, so "directed" cannot name one hop and, through "director", the next.
        owner_of = one_phrase(rest, tokens, mapped)
        self.latin = [english.stem(w) for w in tokens]
        owners = [owner_of[i] for i in range(len(tokens))]
        for index, words in enumerate(mapped):
            for word in words:
                if not has_cjk(word):
                    self.latin.append(english.stem(word))
                    owners.append(owner_of[index])
        self._latin_groups = _groups_of(owners)
        # Where each Latin position's question word stands, and how far from the mention: English
        # names the first hop next to it (nearer); which side of it says who does what a
        # verb-named relation says ("Who beat X" / "Whom did X beat", mention_role).
        hole = rest.find(HOLE)
        owner_at = [*range(len(tokens)), *(index for index, words in enumerate(mapped) for word in words if not has_cjk(word))]
        self._offset = {LATIN_BASE + i: spans[owner].start() for i, owner in enumerate(owner_at)}
        self._distance = {p: abs(at - hole) if hole >= 0 else 0 for p, at in self._offset.items()}
        self._hole = hole
        self._placed = [(m.start(), m.group(0).casefold()) for m in english.LATIN_WORD.finditer(rest)]
        words = english.LATIN_WORD.findall(rest)
        self._back_words = back_words(words, tokens, mapped)
        self.sameness = any(w in SAMENESS_BEFORE or w in SAMENESS_AFTER for w in words)
        # "the same …", "share(s) …", "… in common": only the others sharing an end answer it
        self.shared = bool(SHARED_WORDS & set(words))
        self.latin_tokens = tokens
        # words side by side in the question, nothing between them ("team principal", not "starred by the actors")
        self._side_by_side = [not rest[a.end():b.start()].strip() for a, b in zip(spans, spans[1:])]
        # "Which software is written in Go": the noun after a leading wh-word is what the answer is.
        leads = len(words) >= 2 and words[0] in WH and bool(tokens) and tokens[0] == words[1]
        self.answer_noun = self._latin_groups.get(LATIN_BASE, frozenset()) if leads else frozenset()
        # "the team that took the title", "the team owned by X": a noun before a relative clause
        # says what the clause's results are (teams), like a kind noun; it names no relation.
        every = list(english.LATIN_WORD.finditer(rest))
        starts = {m.start(): i for i, m in enumerate(spans)}
        self.clause_nouns = frozenset(
            p for n, m in enumerate(every[:-1]) if m.start() in starts and clause_follows(rest, every, n)
            for p in self._latin_groups.get(LATIN_BASE + starts[m.start()], frozenset()))
        self.asks = asked_kind(words)
        self.asks_something = any(w in WH for w in words)
        # "Which characters are on a team with Storm": a co-word right before the name asks for its
        # fellows whatever the wh-word ("Which teams did X play with" asks X's own)
        beside = _CO_WORD_BEFORE_NAME.search(rest) is not None
        self.co_people = (self.asks == "person" or beside) and not SAMENESS_BEFORE & set(words) and any(
            w in CO_WORDS or w.endswith("mates") for w in words)

    def mention_role(self, positions: frozenset[int]) -> str | None:
        """English: whether the mention does what the verb at `positions` says ("agent": "Whom did X
        beat", "the players X beat") or undergoes it ("patient": "Who beat X", "X was beaten by
        whom"); None when the word order does not tell."""
        places = {self._offset[p] for p in positions if p in self._offset}
        if not places or self._hole < 0 or not self._placed:
            return None
        named = [word for at, word in self._placed if at in places]  # in the question's order
        if named and english.AGENT_NOUN.fullmatch(named[-1]) and self._owned(min(places), max(places)):
            return "patient"  # "X's successor", "the adoptive father of X": the one who succeeded, adopted X
        if all(place < self._hole for place in places):
            verb = max(places)  # the word of the name nearest the mention: "the player who beat X"
            if any(word == "by" and verb < at < self._hole for at, word in self._placed):
                return "agent"  # "Who was beaten by X"
            before = [word for at, word in self._placed if at < verb]
            # "Who beat X", "the player who/that beat X": the verb's subject is the wh-word or the
            # relative pronoun, so the mention after it undergoes it ("Whom did … " does not say)
            relative = bool(before) and before[-1] in WH | {"that"}
            return "patient" if relative or (before[:1] and before[0] in WH and not DO_WORDS & set(before)) else None
        if all(place > self._hole for place in places):
            verb = min(places)
            return "patient" if any(word == "by" and at > verb for at, word in self._placed) else "agent"
        return None

    def _owned(self, first: int, last: int) -> bool:
        """The words from `first` to `last` are the mention's by possessive ("X's successor") or
        by "of" ("the successor of X")."""
        between = [word for at, word in self._placed if (self._hole < at < first) or (last < at < self._hole)]
        return between in (["s"], ["of"]) and (between == ["of"]) == (last < self._hole)

    def nearer(self, positions: frozenset[int], used: frozenset[int]) -> bool:
        """English: the words at `positions` stand nearer the mention than those already used."""
        new = [self._distance[p] for p in positions if p in self._distance]
        old = [self._distance[p] for p in used if p in self._distance]
        return bool(new and old) and min(new) < min(old)

    def _read_chinese(self, rest: str) -> None:
        self.cjk, self._groups = rest, {}
        self.past = frozenset(i for m in _PAST.finditer(rest) for i in range(m.start(), m.end()))
        # "哪些电影" / "哪部小说": the noun names the answer's kind, not a relation; it counts little.
        self._soft = frozenset(i for m in _KIND_NOUN.finditer(rest) for i in range(m.start(1), m.end(1)))
        # "在哪些公司工作过": the closing verb phrase restates the relation; it counts little.
        self._soft |= frozenset(i for m in _RESTATING_VERB.finditer(rest) for i in range(m.start(), m.end()))
        # "哪年去世的": the 年 of the question word is no evidence for 出生年份 — the verb left must name
        # it; with no verb ("代表作品是什么时候") the question word names the date relation itself.
        if time_relation(rest):
            self._soft |= frozenset(i for m in ASK["time"].finditer(rest) for i in range(m.start(), m.end()))
        # A Chinese question over a graph with English relation names (价格 → price).
        self.latin = [english.stem(w) for w in english.LATIN_WORD.findall(rest)] + [
            english.stem(word) for chinese, words in english.ZH_TO_EN if chinese in rest for word in words]
        self._latin_groups = {}
        self._back_words: list[str] = []
        self._distance: dict[int, int] = {}
        self.sameness = self.asks_something = self.co_people = self.shared = False
        self.answer_noun: frozenset[int] = frozenset()
        self.clause_nouns: frozenset[int] = frozenset()
        latin, mixed_asks = english.LATIN_WORD.findall(rest.casefold()), ""
        if any(w in WORDS.en_frame for w in latin):
            # "Who is the author of 三体?": an English sentence around a Chinese name; its
            # relation words are read through the English table, after the question's text.
            for word in latin:
                chinese = [w for w in english.relation_words(word) if has_cjk(w)]
                if chinese:
                    start = len(self.cjk) + 1
                    self.cjk += HOLE + HOLE.join(chinese)
                    group = frozenset(range(start, len(self.cjk)))  # one English word, one piece of evidence
                    self._groups.update(dict.fromkeys(group, group))
            mixed_asks = asked_kind(latin)
        self.asks = next((kind for kind, pattern in ASK.items() if pattern.search(rest)), "") or mixed_asks

    def asks_for_others_after(self, used: frozenset[int], names: Sequence[str] = ()) -> bool:
        """Whether going straight back along the last hop is asked for: a sameness word (同一个作者)
        anywhere, or 其他/别的/还 after every word explained so far (X的作者还写过什么, X导演的其他
        电影) — 还 only when content follows it that no hop explains (写过, 作品), since "X的代表作品
        还有哪些" means "in addition". English word order differs: any such word counts there."""
        if not self._others:
            return False
        if self._english:
            return True
        last = max(used, default=-1)
        for start, word in self._others:
            if any(word in name for name in names):
                continue  # part of a relation's name (其他名称), not a word of the question
            if word in _SAME_WORDS:
                return True
            if start <= last:
                continue
            if word != "还":
                return True
            after = self.cjk[start + 1:]
            if any(ch not in FUNCTION_CHARS and ch.isalnum() and not _ASK_CHARS.search(ch) for ch in after):
                return True
        return False

    def typed_positions(self, kinds: set[str], names: Sequence[str] = ()) -> frozenset[int]:
        """Positions of a kind noun naming what the results already are ("刘慈欣写过哪些小说":
        小说, when the works are novels, or "...的电影有哪些"): a filter on the answer, never the
        support of one more hop."""
        if self._english:
            return frozenset()
        found: set[int] = set()
        for match in _TYPED_NOUN.finditer(self.cjk):
            group = next(i for i, g in enumerate(match.groups(), 1) if g)
            noun, start = match.group(group), match.start(group)
            for length in range(len(noun), min(2, len(noun)) - 1, -1):
                head = noun[:length]
                if any(head in name for name in names):
                    break  # 哪些著作 where the results have a 著作 edge: that edge is asked
                generic = match.group(1) and head in WORDS.generic_kinds  # 哪些书: a kind whatever the results
                if generic or any(head in kind or (len(kind) >= 2 and kind in head) for kind in kinds):
                    found.update(range(start, start + length))
                    break
        return frozenset(found)

    def only_kind_noun(self, positions: frozenset[int]) -> bool:
        """The positions are all in a 哪些X noun: what the answer is, not a relation."""
        return bool(positions) and positions <= self._soft

    def unexplained(self, used: frozenset[int], kinds: set[str] = frozenset(), typed: frozenset[int] = frozenset()) -> int:
        """Content characters after the last explained one that no hop has used: what the question
        still says. A 哪些X noun counts unless X is one of `kinds` (what the results already are)."""
        after = max(used, default=-1)
        soft = set()
        for match in _KIND_NOUN.finditer(self.cjk):
            noun = match.group(1)
            if any(noun in kind or (len(kind) >= 2 and kind in noun) for kind in kinds):
                soft.update(range(match.start(1), match.end(1)))
        # "在哪些乐队待过": a closing verb phrase restating the relation asks no further hop.
        for match in _RESTATING_VERB.finditer(self.cjk):
            soft.update(range(match.start(), match.end()))
        return sum(1 for i, ch in enumerate(self.cjk) if i > after and i not in used and i not in typed and ch not in FUNCTION_CHARS
                   and ch.isalnum() and i not in soft and not _ASK_CHARS.search(ch))

    def support(self, relation: str, used: frozenset[int], synonyms: Sequence[str]) -> tuple[float, frozenset[int]]:
        """How much of the question the relation explains (≈ content characters matched) and where."""
        best, where = 0.0, frozenset()
        for rank, word in enumerate([relation, *synonyms]):
            if has_cjk(word):
                score, positions = overlap(word, self.cjk, used, self._soft, synonym=rank > 0)
            else:
                score, positions = self._latin_overlap(word, used)
            if rank:
                score *= SYNONYM_FACTOR
            if self._groups:  # one English word is worth at most one word, two side by side ("team principal") two
                words = len({self._latin_groups.get(p) for p in positions if p >= LATIN_BASE}) or 1
                score = min(score, ENGLISH_WORD_CAP * words)
            if score > best:
                best, where = score, positions
        if best >= 1.0 and relation[:1] in WORDS.past_prefixes and len(relation) >= 3 and self.past - used:
            # "某人以前在哪些公司工作过": 以前 asks for the former relation (曾任职公司), not the current one.
            best, where = best + PAST_BONUS, where | (self.past - used)
        if self._groups and where:
            where = where.union(*(self._groups.get(p, ()) for p in where))
        return best, where

    def _latin_overlap(self, word: str, used: frozenset[int]) -> tuple[float, frozenset[int]]:
        parts = [english.stem(p) for p in english.name_words(word) if p not in WORDS.en_stop]
        if not parts:
            return 0.0, frozenset()
        if self._latin_groups:
            return self._latin_word_overlap(parts, used)
        positions = set()
        for part in parts:
            for i, token in enumerate(self.latin):
                if token == part and (LATIN_BASE + i) not in used:
                    positions.add(LATIN_BASE + i)
                    break
        matched = len(positions)
        return (LATIN_MATCH * matched - LATIN_MISSING * (len(parts) - matched) if matched else 0.0), frozenset(positions)

    def _latin_word_overlap(self, parts: list[str], used: frozenset[int]) -> tuple[float, frozenset[int]]:
        """In an English question one hop is named by one word ("acted" for starred_actors): the
        question word (with what it maps to) that covers most of the name's parts."""
        best, where, near = 0, frozenset(), 0
        doers = [english.doer_stem(part) for part in parts]  # leader → lead: a doer's noun is named by its verb
        for group in dict.fromkeys(self._latin_groups.values()):
            if group & used:
                continue
            words = {self.latin[p - LATIN_BASE] for p in group}
            matched = sum(1 for part, doer in zip(parts, doers) if part in words or (doer and doer in words))
            # as good either way: the word nearer the name ("based in the city of X's university":
            # city names the hop after the university, based the one after that)
            distance = min((self._distance.get(p, 0) for p in group), default=0)
            if matched > best or (matched == best and matched and distance < near):
                best, where, near = matched, group, distance
        if not best:
            return 0.0, frozenset()
        score = LATIN_MATCH - LATIN_MISSING * (len(parts) - best)
        # "the team principal of …": two neighbouring words spelling two parts of the name are both its.
        for t in range(len(self.latin_tokens) - 1):
            first, second = self._latin_groups[LATIN_BASE + t], self._latin_groups[LATIN_BASE + t + 1]
            if first == second or (first | second) & used or not self._side_by_side[t]:
                continue
            # the words themselves, not what they map to ("city" may mean a place, but "the city
            # where X was born" is no "place of birth" of its own)
            left = {part for part in parts if part == self.latin[t]}
            right = {part for part in parts if part == self.latin[t + 1]}
            if left and right - left:
                both = 2 * LATIN_MATCH - LATIN_MISSING * (len(parts) - len(left | right))
                if both > score:
                    score, where = both, first | second
        # "Which airports are hubs for …": a word elsewhere spelling another part of the name (airport
        # of hub_airport) is the same hop's, not free to name a hop back along it
        covered = {part for part in parts if part in {self.latin[p - LATIN_BASE] for p in where}}
        for t, token in enumerate(self.latin[:len(self.latin_tokens)]):
            group = self._latin_groups[LATIN_BASE + t]
            if token in parts and token not in covered and not group & (used | where):
                where, covered = where | group, covered | {token}
        return score, where

    def names_back(self, relation: str) -> bool:
        """English: the relation is named right by a sameness word ("share actors", "same director",
        "co-stars", "also directed", "acted together"), so going back along it is what is asked."""
        parts = {english.stem(p) for p in english.name_words(relation) if p not in WORDS.en_stop}
        return bool(parts & set(self._back_words))

    def answer_type_bonus(self, relation: str, values: tuple[str, ...]) -> float:
        """谁/哪里/哪年/多少 favour relations and values of the asked kind: a tie-breaker only."""
        return TYPE_BONUS if self.asks and self._fits(relation, values) else 0.0

    def rules_out(self, relation: str, values: tuple[str, ...], incoming: bool = False) -> bool:
        """哪一年/何时/when ask for a time: a last hop to a place or a person cannot answer it (出生在
        哪一年 is no 出生地 question), so with no time-valued relation the KG says it has none. A
        relation the question names whole is asked whatever its values hold. An incoming last hop
        ends at the relation's subjects (the films of a release_year), so only its values count."""
        only_dates = bool(values) and all(_YEARISH.match(v) for v in values[:VALUE_SAMPLE])
        if only_dates and self._english and self.asks != "time" and self.asks_something:
            return True  # "which labels released X's albums": released is the labels' verb, no year is asked
        if only_dates and self.asks == "place" and relation not in self.cjk:
            return True  # "出生在哪里" is no 出生日期 question: with no place edge, the KG says it has none
        if self.asks != "time" or relation in self.cjk:
            return False
        return not (self._time_values(relation, values[:VALUE_SAMPLE]) if incoming else self._fits(relation, values))

    def _time_values(self, relation: str, sample: tuple[str, ...]) -> bool:
        return any(_TIME_VALUE.search(v) for v in sample) and (has_cjk(relation) or all(_YEARISH.match(v) for v in sample))

    def _fits(self, relation: str, values: tuple[str, ...]) -> bool:
        sample = values[:VALUE_SAMPLE]
        if self.asks == "place":
            hit = any(ch in WORDS.answer_chars["place"] for ch in relation) or any(_PLACE_VALUE.search(v) for v in sample)
        elif self.asks == "time":
            # English relation names say it in words (release_year); a title with digits is no date.
            hit = (any(ch in WORDS.answer_chars["time"] for ch in relation) or bool(_TIME_WORDS & set(english.name_words(relation)))
                   or self._time_values(relation, sample))
        elif self.asks == "person":
            hit = any(ch in WORDS.answer_chars["person"] for ch in relation)
        else:
            hit = any(_DIGIT.search(v) for v in sample)
        return hit


def overlap(
    word: str, text: str, used: frozenset[int], soft: frozenset[int] = frozenset(), synonym: bool = False
) -> tuple[float, frozenset[int]]:
    """Characters of `word` found in `text` (content ones count 1, particles PARTICLE_WEIGHT), a
    bonus for each bigram found whole, a small cost for each content character missing."""
    score = 0.0
    positions: set[int] = set()
    content_matched = 0.0
    seen: set[str] = set()
    for ch in word:
        weight = PARTICLE_WEIGHT if ch in FUNCTION_CHARS else 1.0
        index = text.find(ch)
        while index >= 0 and (index in used or index in positions):
            index = text.find(ch, index + 1)
        if ch in seen:
            # 弟弟, 妈妈: the repeated character is explained too, but is no more evidence.
            if index >= 0 and index - 1 in positions:
                positions.add(index)
            continue
        seen.add(ch)
        if index >= 0:
            positions.add(index)
            content_matched += weight == 1.0
            score += min(weight, SOFT_WEIGHT) if index in soft else weight
        else:
            score -= MISSING_COST * weight
    if not content_matched or (synonym and content_matched < 2 and word not in text):
        # A lexicon synonym must match whole or by two characters: one shared character of a
        # synonym (出 of 出演) is too weak a link; the graph's own name may match by one.
        return 0.0, frozenset()
    for i in range(len(word) - 1):
        # A bigram counts once, and only where this hop found both its characters.
        start = text.find(word[i : i + 2])
        while start >= 0 and not (start in positions and start + 1 in positions):
            start = text.find(word[i : i + 2], start + 1)
        if start >= 0:
            score += BIGRAM_BONUS
    return score, frozenset(positions)
