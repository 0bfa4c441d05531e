"""The offline answerer: turns the KG calls' messages into one plain sentence, without a model.

It reads the sentences the KG writes (kg.linking's render_* functions) and restates them as an
answer — "《择天记》的男主角是鹿晗。" — in the question's language, keeping the KG's names. A message
it does not recognise is passed on as it is, so no retrieved fact is ever dropped. Questions that
need no knowledge get a short honest reply: a greeting, arithmetic on numbers only (evaluated on
the syntax tree, never with eval), or a note that this baseline can only answer from the KG.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Sequence

from agent import mentions as words
from agent.types import Turn

_Q = r"“([^”]*)”"
_NOTE = re.compile(r"^（[^（）]*(?:（[^（）]*）[^（）]*)*）")  # a leading ambiguity note
_TRAILING_NOTE = re.compile(r"（查询的“[^”]*”按[^（）]*匹配）$")
_OUT = re.compile(rf"^{_Q}的(.+?)是：(.*)$")
_IN = re.compile(rf"^以{_Q}为(.+?)的有：(.*)$")
_INVERSE = re.compile(rf"^{_Q}的(.+?)（即(.+?)是{_Q}的实体）有：(.*)$")
_INFO = re.compile(rf"^实体{_Q}(?:（[^）]*）)?的信息：(.*)$")
_RELATION = re.compile(rf"^{_Q}和{_Q}(?:的直接关系：|之间没有直接关系，但通过一个中间实体相连：)(.*)$")
_FAILURE = re.compile(r"^(没有|找到了实体)")

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Pow: operator.pow, ast.Mod: operator.mod, ast.FloorDiv: operator.floordiv}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}


class OfflineAnswerer:
    """`Answerer` without a model: restates the retrieved facts as a sentence."""

    name = "offline baseline (template answerer)"

    def answer(self, question: str, messages: Sequence[str], history: Sequence[Turn] = ()) -> str:
        english = words.is_english(question)
        facts = [m.strip() for m in messages if m and m.strip()]
        if not facts:
            return self._without_knowledge(question, english)
        works = set(re.findall(r"《([^》]+)》", question))
        sentences = [self._restate(part, english, works) for m in facts for part in _split(m)]
        found = [s for s, ok in sentences if ok]
        missing = [s for s, ok in sentences if not ok]
        if not found:
            prefix = "Sorry, " if english else "抱歉，"
            return prefix + " ".join(missing) if english else prefix + "".join(missing)
        joiner = " " if english else ""
        return joiner.join(found + missing)

    # ------------------------------------------------------------------ restating facts

    def _restate(self, message: str, english: bool, works: set[str]) -> tuple[str, bool]:
        """(sentence, whether it states a fact)."""
        text = _NOTE.sub("", message)
        text = text[:-1] if text.endswith("。") else text
        text = _TRAILING_NOTE.sub("", text)
        name = lambda n: f"《{n}》" if n in works and not english else n  # noqa: E731
        if match := _OUT.match(text):
            entity, relation, values = match.groups()
            if english:
                return f"The {relation} of {entity} is {_in_english(values)}.", True
            return f"{name(entity)}的{relation}是{values}。", True
        if match := _INVERSE.match(text):
            entity, requested, _, _, values = match.groups()
            if english:
                return f"The {requested} of {entity}: {_in_english(values)}.", True
            return f"{name(entity)}的{requested}有{values}。", True
        if match := _IN.match(text):
            entity, relation, values = match.groups()
            if english:
                return f"{entity} is the {relation} of {_in_english(values)}.", True
            return f"{values}的{relation}是{name(entity)}。", True
        if match := _INFO.match(text):
            entity, body = match.groups()
            if english:
                return f"What the knowledge graph records about {entity}: {_in_english(body)}.", True
            return f"知识图谱中关于{name(entity)}的记载：{body}。", True
        if match := _RELATION.match(text):
            first, second, paths = match.groups()
            if english:
                return f"{first} and {second} are related: {_in_english(paths)}.", True
            return f"{name(first)}和{name(second)}的关系：{paths}。", True
        if _FAILURE.match(text):
            if english:
                return f"the knowledge graph has no answer here ({text}).", False
            return text + "。", False
        return text + ("." if english else "。"), True

    # ------------------------------------------------------------------ no knowledge

    def _without_knowledge(self, question: str, english: bool) -> str:
        text = words.fold(question)
        reason = words.no_knowledge_reason(text)
        if reason == "greeting":
            return ("Hello! I answer questions from a knowledge graph; ask me about something in it."
                    if english else "你好！我可以根据知识图谱回答问题，请问你想了解什么？")
        if reason == "arithmetic":
            value = _arithmetic(text)
            if value is not None:
                return f"The result is {value}." if english else f"结果是{value}。"
            return ("This arithmetic cannot be computed (division by zero or a number too large)."
                    if english else "这道算术题无法计算（除以零或数字太大）。")
        if reason is None and words.guess_entity(text) is not None:
            return ("I did not find anything about this in the knowledge graph."
                    if english else "没有在知识图谱中找到与这个问题相关的信息。")
        if reason in ("chitchat", "task"):
            return ("I am CuteKG's offline baseline: I can only answer questions from the knowledge graph."
                    if english else "我是CuteKG的离线基线，只能根据知识图谱回答问题，没法陪你闲聊或写作。")
        return ("I am an offline baseline that can only answer questions from the knowledge graph; this question is outside it."
                if english else "我是离线基线，只能根据知识图谱回答问题，这个问题不在知识图谱的范围内。")


_TRIPLE = re.compile(r"([^，；：]+?)的([^，；：]+?)是([^，；：]+)")
_OF = re.compile(r"([^，；：]+?)的([^，；：]+)")


def _in_english(text: str) -> str:
    """The KG's Chinese glue around names, in English: lists, 'X的R是Y', 'it is also the object of'."""
    text = re.sub(r"等共(\d+)个", r" (\1 in all)", text.replace("没有以它为主语的事实", "no facts of its own"))
    own, _, reverse = text.partition("它还是这些事实的对象：")
    text = _TRIPLE.sub(lambda m: f"the {m.group(2)} of {m.group(1)} is {m.group(3)}", own)
    if reverse:
        reverse = _OF.sub(lambda m: f"the {m.group(2)} of {m.group(1)}", reverse)
        text += "it is also the object of: " + reverse
    return text.replace("：", ": ").replace("；", "; ").replace("、", ", ").replace("，", ", ")


def _split(message: str) -> list[str]:
    """A call on several entities writes one clause per entity, joined by '；' — unless the '；'
    belongs to an entity's fact list, which only get_entity_info and find_relationship write."""
    if _INFO.match(_NOTE.sub("", message)) or _RELATION.match(_NOTE.sub("", message)):
        return [message]
    parts = [p for p in re.split(r"；(?=（|“|以“)", message) if p.strip()]
    return parts or [message]


_ARITH_WORDS = str.maketrans({"加": "+", "减": "-", "乘": "*", "除": "/", "×": "*", "÷": "/", "^": "**", "（": "(", "）": ")"})


def _arithmetic(text: str) -> str | None:
    """Evaluate + - * / ** % on number literals only; anything else → None."""
    core = re.sub(r"^(请问|请|计算一下|计算|算一下|算算|帮我算|what is|what's|calculate|compute|how much is)", "", text.strip())
    core = re.sub(r"(等于几|等于多少|是多少|得多少|等于|是几|=|equals)?[?？。.!！ ]*$", "", core)
    core = core.replace("除以", "/").replace("乘以", "*").replace("以上", "").translate(_ARITH_WORDS).strip()
    try:
        tree = ast.parse(core, mode="eval")
        value = _evaluate(tree.body)
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
        if isinstance(node.op, ast.Pow) and abs(right) > 100:
            raise ValueError("exponent too large")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand))
    raise ValueError("not arithmetic")
