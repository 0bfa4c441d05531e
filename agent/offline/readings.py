"""Readings: the ways the offline planner understands a question, one function per kind.

`read` tries the functions of READINGS in order; each sees the question and the reading so far
and returns a better one, or None to leave it. A reading of a FINAL kind ends the search. A new
kind of question is one function here (placed in READINGS where it should be tried) plus one row
in codegen.WRITERS; see agent/offline/README.md.
"""

from __future__ import annotations

from collections.abc import Callable

from agent.offline import question as q
from agent.offline.compute_readings import read_both, read_compare, read_count, read_kind_filter, read_rank
from agent.offline.context import Question
from agent.offline.graph import GraphView
from agent.offline.index import Mention
from agent.offline.search import Path, best_path
from agent.offline.text import HOLE, fold
from agent.offline.topic import RELATIONSHIP_SCORE, Reading, contained, owner, read_mention, read_relationship
from kg.linking import strip_suffix

CONTEXT_BONUS = 0.6  # for a mention that another mention's entity points to (see topic.contained)
COMMON_WORD_COST = 3.0  # a lower-case English word that is only a title's name elsewhere (see _common_word)
HISTORY_BONUS = 3.0  # the referent a pronoun's kind points to wins over a better-fitting other
PERSON_ANCHOR_MIN = 1.5  # a 他/她 clause read on the first clause's topic instead of the person found
PRONOUN_LEAN = 0.2  # 他/她 lean to the first clause's answer, 它 to its topic


FINAL = frozenset({"no_knowledge", "compound", "no_mention", "compare", "both"})


def _short_alias(view: GraphView, mention: Mention) -> bool:
    """A one-character surface that no entity is named by, only called (沪 for 上海, 鄂 for 湖北省);
    a bare value of the same spelling (the 简称 沪 itself) names nothing."""
    return len(mention.surface) == 1 and all(fold(strip_suffix(name)) != mention.surface
                                             for name in mention.entities if view.has_out_edges(name))


def _model_name(text: str, mention: Mention) -> bool:
    """A Chinese name with Latin letters glued right after it (蔚来ES7, 某手机Pro): a longer name."""
    after = text[mention.end: mention.end + 1]
    return bool(after) and after.isascii() and after.isalpha() and not mention.surface[-1:].isascii()


def _common_word(mention: Mention, original: str) -> bool:
    """An English one-word mention typed in lower case where the KG writes a capitalised title
    ("together" of "directed films together with X", the film Together): a word, not the topic."""
    if " " in mention.surface or not mention.surface.isascii() or not original:
        return False
    return not any(strip_suffix(name) in original for name in mention.entities[:5]) and mention.surface in original


def _pronoun_relationship(question: Question) -> bool:
    return bool(question.history) and q.has_pronoun(question.text) and bool(q.relationship_sides(question.text))


def _referent(question: Question, exclude: set[str]) -> Mention | None:
    """The entity of the last turn a pronoun most likely means (see read_pronoun_with_history)."""
    last_question, answer = question.history[-1]
    asked = {m.surface for m in question.mentions(fold(last_question))}
    person = q.refers_to_person(question.text)
    found = [((source is answer and m.surface not in asked) == person, m)
             for source in (answer, last_question) for m in question.mentions(fold(source)) if m.surface not in exclude]
    return next((m for fits, m in found if fits), found[0][1] if found else None)


# ---------------------------------------------------------------------- the readings, in order


def read_no_knowledge(question: Question, so_far: Reading | None) -> Reading | None:
    """Greetings, arithmetic, writing requests, small talk that names no KG entity."""
    reason = q.no_knowledge_reason(question.text)
    if reason == "chitchat":
        lo, hi = q.chitchat_span(question.text)
        if any(m.end - m.start >= 2 and (m.end <= lo or m.start >= hi) for m in question.mentions()):
            return None  # "中市街道的天气怎么样": small-talk words about a KG entity
    return Reading(0.0, "no_knowledge", reason=reason) if reason else None


def read_compound(question: Question, so_far: Reading | None) -> Reading | None:
    """"《三体》的作者是谁？他还写过什么？": the second clause's pronoun is the first's result
    when that result has edges fitting the second clause, else the first clause's topic."""
    clauses = q.split_compound(question.text)
    if not clauses:
        return None
    view, lang = question.view, question.lang
    first = read_mentions(question, None, clauses[0])
    if first is None or first.kind == "relationship":
        return None
    first = first._replace(clause=clauses[0])
    rest = q.rest_of(q.drop_pronouns(clauses[1]), 0, 0)
    lean = PRONOUN_LEAN if q.refers_to_person(clauses[1]) else -PRONOUN_LEAN
    candidates: list[tuple[float, str, Path]] = []
    if first.kind == "fact" and first.path:
        path = best_path(view, first.path.nodes, rest, lang)
        if path:
            candidates.append((path.score + lean, "result", path))
    path = best_path(view, first.anchor, rest, lang)
    person_found = first.kind == "fact" and q.refers_to_person(clauses[1]) and first.path and any(
        view.has_out_edges(node) for node in first.path.nodes[:5])
    # 他/她 after a person was found ("周杰伦的妻子是谁？她是哪国人？"): the topic is a fallback
    # only when the clause names one of its edges clearly, not by one shared character (人).
    if path and not (person_found and not candidates and path.score < PERSON_ANCHOR_MIN):
        candidates.append((path.score, "anchor", path))
    if candidates:
        _, target, path = max(candidates, key=lambda c: c[0])
        second = Reading(path.score, "fact", path.starts if target == "anchor" else (), first.surface, path,
                         chained=target == "result", clause=clauses[1])
    elif first.kind == "fact":
        asked = tuple(q.relation_phrase(rest.lstrip(HOLE), 0, lang))
        second = Reading(0.0, "info", (), first.surface, asked=asked, chained=True, clause=clauses[1])
    else:
        return None
    return Reading(first.score, "compound", parts=(first, second))


def read_mentions(question: Question, so_far: Reading | None, text: str | None = None) -> Reading | None:
    """The best reading over the mentions: X和Y是什么关系 when both sides are names, else the
    best-scoring fact or entry reading of one mention."""
    text = question.text if text is None else text
    mentions = question.mentions(text)
    if not mentions:
        return None
    pair = q.relationship_sides(text)
    if pair:
        reading = read_relationship(question.view, text, pair, mentions)
        if reading:
            return reading
    best: Reading | None = None
    found_inside = contained(question.view, mentions)
    for mention in mentions:
        glued = q.glued(text, mention.start, mention.end)
        if _short_alias(question.view, mention) and glued:
            continue  # 沪 of 沪深300指数: a one-character alias is a mention only standing alone
        if _model_name(text, mention):
            continue  # 某牌ES7: a name the KG lacks, not the brand it starts with
        reading = read_mention(question.view, text, mention, question.lang)
        if mention.end - mention.start == 1 and glued == "both" and reading.kind != "fact":
            continue  # 铁 of 某某铁塔有多高: one character inside a longer word, and nothing fits it
        named = owner(question.view, mention) if reading.kind != "fact" else None
        if named is not None:
            # "永乐的爷爷是谁" where 永乐 is only 明成祖's 年号: no fact fits the bare value, so the
            # question is about the entity whose own name it is.
            promoted = read_mention(question.view, text, named, question.lang)
            # Only a fact found on the entity is new evidence; an entry lookup on it ranks as
            # low as the bare value did ("远山出自哪本诗集": 诗集 is some 谥号; 远山 is asked about).
            reading = promoted if promoted.kind == "fact" else promoted._replace(score=min(promoted.score, reading.score))
        if mention in found_inside:
            reading = reading._replace(score=reading.score + CONTEXT_BONUS)
        if question.lang == "en" and _common_word(mention, question.original):
            reading = reading._replace(score=reading.score - COMMON_WORD_COST)
        if best is None or reading.score > best.score:
            best = reading
    return best


def read_relationship_with_history(question: Question, so_far: Reading | None) -> Reading | None:
    """"他和昆凌是什么关系": one side is a pronoun (an entity of the last turn), the other a mention."""
    if not _pronoun_relationship(question):
        return None
    sides = q.relationship_sides(question.text)
    named = [m for m in question.mentions() if any(lo <= m.start and m.end <= hi for lo, hi in sides)]
    referent = _referent(question, exclude={m.surface for m in named})
    if not named or referent is None:
        return None
    view = question.view
    return Reading(RELATIONSHIP_SCORE, "relationship", tuple(view.rank_entities(referent.entities)), referent.surface,
                   other=tuple(view.rank_entities(named[0].entities)), other_surface=named[0].surface)


def read_pronoun_with_history(question: Question, so_far: Reading | None) -> Reading | None:
    """他/她/它 with no mention of its own: an entity of the last turn. The answer's new entity
    (昆凌 in "周杰伦的妻子是昆凌") is the likeliest referent, then the last question's topic —
    unless the question names its own topic better (a fact beats an entry lookup on an earlier one)."""
    if not question.history or _pronoun_relationship(question) or not (so_far is None or q.has_pronoun(question.text)):
        return None
    view = question.view
    last_question, answer = question.history[-1]
    asked = {m.surface for m in question.mentions(fold(last_question))}
    rest = q.rest_of(q.drop_pronouns(question.text), 0, 0)
    # 他/她 (he/she) point at a person, most often the answer; 它/这部作品 at the thing asked about.
    person = q.refers_to_person(question.text)
    best: Reading | None = None
    for source in (answer, last_question):
        for mention in question.mentions(fold(source)):
            entities = tuple(view.rank_entities(mention.entities))
            path = best_path(view, entities, rest, question.lang)
            new = source is answer and mention.surface not in asked
            score = (path.score if path else 0.0) + (HISTORY_BONUS if new == person else 0.0)
            reading = Reading(score, "fact" if path else "info", path.starts if path else entities, mention.surface, path)
            if best is None or reading.score > best.score:
                best = reading
    if best is not None and (so_far is None or best.kind == "fact" or so_far.kind != "fact"):
        return best
    return None


def read_guess(question: Question, so_far: Reading | None) -> Reading | None:
    """No name of the KG in the question: its likely topic is looked up anyway (the KG will say it
    does not know it), or, for no fact pattern at all, the question needs no knowledge."""
    if so_far is not None:
        return None
    guess = q.guess_entity(question.text)
    if guess is None:
        return Reading(0.0, "no_mention")
    return Reading(0.0, "guess", (guess,), guess)


def read_after_feedback(question: Question, so_far: Reading | None) -> Reading | None:
    """A deterministic planner cannot rethink; after a failure it asks for the whole entry."""
    if question.feedback and so_far is not None and so_far.kind == "fact":
        return so_far._replace(kind="info", path=None)
    return None


READINGS: tuple[Callable[[Question, Reading | None], Reading | None], ...] = (
    read_no_knowledge,
    read_compound,
    read_compare,
    read_both,
    read_mentions,
    read_count,
    read_kind_filter,
    read_rank,
    read_relationship_with_history,
    read_pronoun_with_history,
    read_guess,
    read_after_feedback,
)


def read(question: Question) -> Reading:
    """The reading of the question: each of READINGS in turn may replace the one so far."""
    reading: Reading | None = None
    for step in READINGS:
        reading = step(question, reading) or reading
        if reading is not None and reading.kind in FINAL:
            break
    assert reading is not None  # read_guess always gives one
    return reading


