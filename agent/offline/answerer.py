"""The offline answerer: turns the KG calls' findings into one plain sentence, without a model.

It reads the records a backend gives beside each message (kg.findings: what was matched, missing,
not found) and states them as an answer — "《择天记》的男主角是鹿晗。" — in the question's
language, keeping the KG's names and leaving out its notes on how it linked them. An entity's
entry becomes a short summary (the facts the question names, then identity-defining ones, at most
SUMMARY_FACTS). A call without findings (a backend that only answers the three functions) is
passed on as its message. Questions that need no knowledge get a short honest reply: a greeting,
arithmetic on numbers only (evaluated on the syntax tree, never with eval), or a note that this
baseline can only answer from the KG.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Mapping, Sequence
from typing import Any

from agent.offline import question as q
from agent.offline.english import relation_in_english as _en
from agent.offline.text import fold, language
from agent.offline.words import WORDS
from agent.types import Call, Turn
from kg.findings import join_names, render_triple

SUMMARY_FACTS = 8
SHORT_STEP = 2  # findings of an earlier step restated before a computed answer
UNION_FROM = 3  # entities of one call from which their values are stated as one set
NEARBY_FACTS = 3  # facts stated after "the relation asked is missing"
UNION_SUBJECTS = 3  # entities named in that sentence
LISTED_RELATIONS = 12  # relations named when the one asked is missing
SUMMARY_VALUES, SUMMARY_SUBJECTS = 10, 5  # values per fact, subjects per reverse fact in a summary
ENTRY_REVERSE = 15  # relations an entry message shows where the entity is the object
PATHS_SHOWN = 5

REPLIES = {
    ("greeting", "zh"): "你好！我可以根据知识图谱回答问题，请问你想了解什么？",
    ("greeting", "en"): "Hello! I answer questions from a knowledge graph; ask me about something in it.",
    ("result", "zh"): "结果是{value}。",
    ("result", "en"): "The result is {value}.",
    ("no_result", "zh"): "这道算术题无法计算（除以零或数字太大）。",
    ("no_result", "en"): "This arithmetic cannot be computed (division by zero or a number too large).",
    ("unknown", "zh"): "没有在知识图谱中找到与这个问题相关的信息。",
    ("unknown", "en"): "I did not find anything about this in the knowledge graph.",
    ("chitchat", "zh"): "我是CuteKG的离线基线，只能根据知识图谱回答问题，没法陪你闲聊或写作。",
    ("chitchat", "en"): "I am CuteKG's offline baseline: I can only answer questions from the knowledge graph.",
    ("outside", "zh"): "我是离线基线，只能根据知识图谱回答问题，这个问题不在知识图谱的范围内。",
    ("outside", "en"): "I am an offline baseline that can only answer questions from the knowledge graph; this question is outside it.",
    ("sorry", "zh"): "抱歉，",
    ("sorry", "en"): "Sorry, ",
}


class OfflineAnswerer:
    """`Answerer` without a model: restates the retrieved facts as a sentence."""

    name = "offline baseline (template answerer)"

    def answer(self, question: str, calls: Sequence[Call], history: Sequence[Turn] = (), computed: Sequence[str] = ()) -> str:
        """The answer to `question` from the calls its plan made; when the plan's code computed
        the answer itself (a count, a comparison, the others of a set), those lines are it."""
        lang = language(question)
        calls = [call for call in calls if call.message and call.message.strip()]
        if computed:
            # The steps before the last say how the set was reached, when they are short.
            said = "".join(computed)
            # The first step says where the computed set came from, when it is short and not told again.
            steps = [s for call in calls[:1] if len(calls) > 1 and len(call.findings) <= SHORT_STEP and not _told(call, said)
                     for s, ok in _restate_call(call, _plain(lang)) if ok]
            return ("" if lang == "zh" else " ").join(list(dict.fromkeys(steps)) + list(computed))
        if not calls:
            return _without_knowledge(question, lang)
        found_kinds = {finding["kind"] for call in calls for finding in call.findings}
        # A missing relation followed by the entity's entry: the entry shows what it does record.
        context = _Context(lang, fold(question), set(re.findall(r"《([^》]+)》", question)),
                           entry_follows={"entry", "no_relation"} <= found_kinds)
        sentences = [sentence for call in calls for sentence in _restate_call(call, context)]
        found = list(dict.fromkeys(s for s, ok in sentences if ok))
        missing = list(dict.fromkeys(s for s, ok in sentences if not ok))
        joiner = " " if lang == "en" else ""
        if not found:
            return REPLIES["sorry", lang] + joiner.join(missing)
        if context.entry_follows:
            return joiner.join(missing + found)  # "X has no 妻子 on record" first, then what it has
        return joiner.join(found + missing)


def _told(call: Call, said: str) -> bool:
    """Whether the computed lines already name what the call found (a compared value)."""
    values = [v for finding in call.findings for v in finding.get("values", [])]
    return bool(values) and all(v in said for v in values)


def _plain(lang: str) -> _Context:
    return _Context(lang, "", set(), entry_follows=False)


class _Context:
    def __init__(self, lang: str, question: str, works: set[str], entry_follows: bool) -> None:
        self.lang, self.question, self.works, self.entry_follows = lang, question, works, entry_follows

    def name(self, entity: str) -> str:
        """A work the question wrote in 《》 keeps its marks in a Chinese answer."""
        return f"《{entity}》" if entity in self.works and self.lang == "zh" else entity


def _restate_call(call: Call, context: _Context) -> list[tuple[str, bool]]:
    """(sentence, whether it states a fact) for each finding of the call; one sentence for the
    whole set when the call asked one relation of many entities (a chain's later hop)."""
    if not call.findings:
        text = call.message.strip().removesuffix("。").removesuffix(".")
        return [(text + ("." if context.lang == "en" else "。"), True)]
    matches = [f for f in call.findings if f["kind"] == "match"]
    if len(matches) >= UNION_FROM and len({(f["relation"], f["direction"]) for f in matches}) == 1:
        return [_union(matches, call.result, context)]
    return [_restate(finding, call.result, context) for finding in call.findings]


def _union(matches: Sequence[Mapping[str, Any]], result: Sequence[str], context: _Context) -> tuple[str, bool]:
    """"The director of A, B and 3 more: X, Y, Z": every value once, up to the list limit."""
    first = matches[0]
    relation = first["relation"] if first["direction"] == "out" or first["via"] != "inverse" else first["requested"]
    entities, values = [f["entity"] for f in matches], join_names(list(result), quoted=False)
    shown = "、".join(entities[:UNION_SUBJECTS]) + (f"等{len(entities)}个" if len(entities) > UNION_SUBJECTS else "")
    if context.lang == "en":
        words = _en(relation)
        article = "" if words.rsplit(" ", 1)[-1] in _PREPOSITIONS else "the "  # "based on", not "the based on"
        role = f"{article}{words}" if first["direction"] == "out" or first["via"] == "inverse" else f"what has them as {words}"
        return f"For {_in_english(shown)}, {role}: {_in_english(values)}.", True
    if first["direction"] == "in" and first["via"] != "inverse":
        return f"以{shown}为{relation}的有：{values}。", True
    return f"{shown}的{relation}：{values}。", True


_PREPOSITIONS = ("by", "on", "in", "from", "at", "of", "with", "to", "for")


def _incoming_in_english(entity: str, words: str, values: str) -> str:
    """An edge read backwards, as English says it: "Heat, Ali: directed by Michael Mann" (a relation
    named by a participle and its preposition), "Emma Stone is among the starred actors of La La
    Land" (a plural noun), "X is the capital of Y" (else)."""
    if words.rsplit(" ", 1)[-1] in _PREPOSITIONS:
        return f"{values}: {words} {entity}."
    if words.endswith("s") and not words.endswith("ss"):
        return f"{entity} is among the {words} of {values}."
    return f"{entity} is the {words} of {values}."


def _restate(finding: Mapping[str, Any], result: Any, context: _Context) -> tuple[str, bool]:
    sentence, fact = _restate_finding(finding, result, context)
    if finding.get("guessed"):  # a name the KG lacks, linked to a similar one: never passed off as the thing asked
        asked, chosen = finding["guessed"], finding["entity"]
        sentence = (f"The knowledge graph has no “{asked}”; the closest name is “{chosen}”. " if context.lang == "en"
                    else f"知识图谱中没有“{asked}”，名称相近的是“{chosen}”。") + sentence
    return sentence, fact


def _restate_finding(finding: Mapping[str, Any], result: Any, context: _Context) -> tuple[str, bool]:
    kind, en, name = finding["kind"], context.lang == "en", context.name
    if kind == "match":
        entity, values = finding["entity"], join_names(finding["values"], quoted=False)
        if finding["direction"] == "out":
            relation = finding["relation"]
            if en:
                return f"The {_en(relation)} of {entity} is {_in_english(values)}.", True
            return f"{name(entity)}的{relation}是{values}。", True
        if finding["via"] == "inverse":
            requested = finding["requested"]
            if en:
                return f"The {_en(requested)} of {entity}: {_in_english(values)}.", True
            return f"{name(entity)}的{requested}有{values}。", True
        relation = finding["relation"]
        if en:
            return _incoming_in_english(entity, _en(relation), _in_english(values)), True
        return f"{values}的{relation}是{name(entity)}。", True
    if kind == "entry":
        if context.entry_follows:  # the relation asked is missing: one line of what is near it, no dump
            return _nearby(result, context), True
        return _summary(result, context), True
    if kind == "no_relation":
        entity, asked = finding["entity"], finding["relations"][0]
        listed = "、".join(finding["out"][:LISTED_RELATIONS]) if not context.entry_follows else ""
        if en:
            extra = f" (it records: {_in_english(listed)})" if listed else ""
            return f"the knowledge graph has {entity} but nothing about its {_en(asked)}{extra}.", False
        extra = f"（它记载的关系有：{listed}）" if listed else ""
        return f"知识图谱中没有{name(entity)}的“{asked}”的记载{extra}。", False
    if kind == "paths":
        shown = "；".join("，".join(render_triple(t) for t in path) for path in result[:PATHS_SHOWN])
        shown += f"等共{len(result)}条" if len(result) > PATHS_SHOWN else ""
        if en:
            return f"{finding['a']} and {finding['b']} are related: {_in_english(shown)}.", True
        return f"{name(finding['a'])}和{name(finding['b'])}的关系：{shown}。", True
    from kg.findings import render  # the sentence itself: not found, no path, same entity, refused

    text = render([finding], result).removesuffix("。")
    if kind == "same_entity":
        return text + ("." if en else "。"), True
    if en:
        return f"the knowledge graph has no answer here ({text}).", False
    return text + "。", False


def _cut(names: Sequence[str], limit: int) -> str:
    # The KG's own long lists are cut, with 等 ("and others") where it cut.
    return "、".join(names[:limit]) + ("等" if len(names) > limit else "")


def _summary(info: Mapping[str, Any], context: _Context) -> str:
    """An entity's entry as a short paragraph: the facts the question's words name first, then the
    identity-defining ones, at most SUMMARY_FACTS; the facts where it is the object only when it
    has few of its own."""
    entity, en = str(info["name"]), context.lang == "en"
    facts = [(relation, _cut(values, SUMMARY_VALUES)) for relation, values in (info.get("facts") or {}).items() if values]
    reverse = list((info.get("reverse_facts") or {}).items())[:ENTRY_REVERSE]
    asked = set(ch for ch in context.question if ch not in q.FUNCTION_CHARS)
    identity = WORDS.identity_relations

    def rank(item: tuple[int, tuple[str, str]]) -> tuple[int, int, int]:
        position, (relation, _) = item
        named = sum(1 for ch in set(relation) if ch in asked)
        return (-named, identity.index(relation) if relation in identity else len(identity), position)

    chosen = sorted(sorted(enumerate(facts), key=rank)[:SUMMARY_FACTS])  # then in the KG's own order
    shown = [fact for _, fact in chosen]
    back = []
    if len(facts) < 3:
        back = [(relation, _cut(subjects, SUMMARY_SUBJECTS)) for relation, subjects in reverse[: SUMMARY_FACTS - len(facts)]]
    left = len(facts) - len(chosen)
    if en:
        parts = [f"the {_en(r)} is {_in_english(v)}" for r, v in shown] + [f"it is the {_en(r)} of {_in_english(v)}" for r, v in back]
        more = f" ({left} more facts not listed)" if left else ""
        return f"About {entity}: " + ("; ".join(parts) or "the knowledge graph records nothing more") + more + "."
    parts = [f"{r}是{v}" for r, v in shown] + [f"{v}的{r}是{context.name(entity)}" for r, v in back]
    more = f"。另有{left}项记载未列出" if left else ""
    return f"关于{context.name(entity)}：" + ("，".join(parts) or "知识图谱中没有更多记载") + more + "。"


def _nearby(info: Mapping[str, Any], context: _Context) -> str:
    """After "X has no R": the few facts (X's own, or those X is the object of) whose relation
    shares words with the question, else the relations X records — one line, never the whole
    entry presented as the answer."""
    asked = set(ch for ch in context.question if ch not in q.FUNCTION_CHARS)
    entity, en = str(info["name"]), context.lang == "en"
    facts = [(relation, _cut(values, SUMMARY_VALUES), False) for relation, values in (info.get("facts") or {}).items() if values]
    facts += [(relation, _cut(subjects, SUMMARY_SUBJECTS), True) for relation, subjects in
              list((info.get("reverse_facts") or {}).items())[:ENTRY_REVERSE] if subjects]
    near = sorted((fact for fact in facts if any(ch in asked for ch in fact[0])),
                  key=lambda fact: -sum(1 for ch in set(fact[0]) if ch in asked))[:NEARBY_FACTS]
    own = [fact for fact in facts if not fact[2]]
    if not near and len(facts) <= NEARBY_FACTS:
        near = facts  # an entity with a fact or two: those are the one line
    if near:
        if en:
            parts = [f"it is the {_en(r)} of {_in_english(v)}" if back else f"the {_en(r)} is {_in_english(v)}" for r, v, back in near]
            return "Nearby facts it records: " + "; ".join(parts) + "."
        parts = [f"{v}的{r}是{context.name(entity)}" if back else f"{r}是{v}" for r, v, back in near]
        return "它记载的相近事实：" + "，".join(parts) + "。"
    relations = [relation for relation, _, _ in own][:LISTED_RELATIONS]
    if not relations:
        return "It records no facts of its own." if en else "它没有其他记载。"
    if en:
        return f"It records: {_in_english('、'.join(relations))}."
    return f"它记载的关系有：{'、'.join(relations)}。"


_TRIPLE = re.compile(r"([^，；：]+?)的([^，；：]+?)是([^，；：]+)")


def _in_english(text: str) -> str:
    """The KG's Chinese glue around names, in English: lists, 'X的R是Y' triples, N in all."""
    text = re.sub(r"等共?(\d+)个", r" (\1 in all)", text)
    text = _TRIPLE.sub(lambda m: f"the {_en(m.group(2))} of {m.group(1)} is {m.group(3)}", text)
    return text.replace("：", ": ").replace("；", "; ").replace("、", ", ").replace("，", ", ")


# ---------------------------------------------------------------------- no knowledge


_ASKS_A_FACT = re.compile(r"什么|哪|谁|多少|几|\b(?:what|which|who|whom|where|when|how)\b")


def _without_knowledge(question: str, lang: str) -> str:
    text = fold(question)
    reason = q.no_knowledge_reason(text)
    if reason == "greeting":
        return REPLIES["greeting", lang]
    if reason == "arithmetic":
        value = arithmetic(text)
        return REPLIES["result", lang].format(value=value) if value is not None else REPLIES["no_result", lang]
    if reason is None and (q.guess_entity(text) is not None or _ASKS_A_FACT.search(q.ARITHMETIC_FRAME.sub("", text))):
        return REPLIES["unknown", lang]  # "某条高铁全长多少公里" about a name the KG lacks: an honest no
    if reason in ("chitchat", "task"):
        return REPLIES["chitchat", lang]
    return REPLIES["outside", lang]


_ARITH_WORDS = str.maketrans({"加": "+", "减": "-", "乘": "*", "除": "/", "×": "*", "÷": "/", "^": "**", "（": "(", "）": ")"})
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Pow: operator.pow, ast.Mod: operator.mod, ast.FloorDiv: operator.floordiv}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}
MAX_EXPONENT = 100


def arithmetic(text: str) -> str | None:
    """Evaluate + - * / ** % on number literals only; anything else → None."""
    core = q.ARITHMETIC_FRAME.sub("", text.strip())
    core = core.replace("除以", "/").replace("乘以", "*").replace("以上", "").translate(_ARITH_WORDS).strip()
    try:
        value = _evaluate(ast.parse(core, mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, TypeError):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow) and abs(right) > MAX_EXPONENT:
            raise ValueError("exponent too large")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand))
    raise ValueError("not arithmetic")
