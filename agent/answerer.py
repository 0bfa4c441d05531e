"""The offline answerer: turns the KG calls' messages into one plain sentence, without a model.

It reads the sentences the KG writes (kg.linking's render_* functions) and restates them as an
answer — "《择天记》的男主角是鹿晗。" — in the question's language, keeping the KG's names, without
the KG's notes on how it linked them. An entity's entry becomes a short summary (the facts the
question names, then identity-defining ones, at most SUMMARY_FACTS). A message it does not
recognise is passed on as it is. Questions that
need no knowledge get a short honest reply: a greeting, arithmetic on numbers only (evaluated on
the syntax tree, never with eval), or a note that this baseline can only answer from the KG.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Sequence

from agent import mentions as words
from agent.mentions import relation_in_english as _en
from agent.types import Turn

_Q = r"“([^”]*)”"
_NOTE = re.compile(r"^（[^（）]*(?:（[^（）]*）[^（）]*)*）")  # a leading ambiguity note
# The KG's notes on how it linked a name or a relation (kg/linking.py render_ambiguity, render_match):
# for the reader of a trace, not of an answer. Brackets that are part of a name (流浪地球（小说）) stay.
_NOTE_START = re.compile(rf"^（(?:{_Q}可能指|知识图谱中没有|查询的|{_Q}是{_Q}的别名)")
_OUT = re.compile(rf"^{_Q}的(.+?)是：(.*)$")
_IN = re.compile(rf"^以{_Q}为(.+?)的有：(.*)$")
_INVERSE = re.compile(rf"^{_Q}的(.+?)（即(.+?)是{_Q}的实体）有：(.*)$")
_INFO = re.compile(rf"^实体{_Q}(.*?)的信息：(.*)$")
_NO_RELATION = re.compile(rf"^找到了实体{_Q}，但没有找到关系(.+?)(?:；它有这些关系：([^；]*))?(?:；它还是这些关系的对象：(.*))?$")
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
        self._question = words.fold(question)
        # A missing relation followed by the entity's entry: the entry shows what it does record.
        self._entry_follows = any(_INFO.match(_NOTE.sub("", m)) for m in facts) and any(m.startswith("找到了实体") for m in facts)
        sentences = [self._restate(part, english, works) for m in facts for part in _split(m)]
        found = [s for s, ok in sentences if ok]
        missing = [s for s, ok in sentences if not ok]
        if not found:
            prefix = "Sorry, " if english else "抱歉，"
            return prefix + " ".join(missing) if english else prefix + "".join(missing)
        joiner = " " if english else ""
        # The same entry asked under two names (an entity and its English name) is said once.
        found, missing = list(dict.fromkeys(found)), list(dict.fromkeys(missing))
        if self._entry_follows:
            return joiner.join(missing + found)  # "X has no 妻子 on record" first, then what it has
        return joiner.join(found + missing)

    # ------------------------------------------------------------------ restating facts

    def _restate(self, message: str, english: bool, works: set[str]) -> tuple[str, bool]:
        """(sentence, whether it states a fact)."""
        text = _NOTE.sub("", message)
        text = text[:-1] if text.endswith("。") else text
        text = strip_notes(text)
        name = lambda n: f"《{n}》" if n in works and not english else n  # noqa: E731
        if match := _OUT.match(text):
            entity, relation, values = match.groups()
            if english:
                return f"The {_en(relation)} of {entity} is {_in_english(values)}.", True
            return f"{name(entity)}的{relation}是{values}。", True
        if match := _INVERSE.match(text):
            entity, requested, _, _, values = match.groups()
            if english:
                return f"The {_en(requested)} of {entity}: {_in_english(values)}.", True
            return f"{name(entity)}的{requested}有{values}。", True
        if match := _IN.match(text):
            entity, relation, values = match.groups()
            if english:
                return f"{entity} is the {_en(relation)} of {_in_english(values)}.", True
            return f"{values}的{relation}是{name(entity)}。", True
        if match := _INFO.match(text):
            entity, _, body = match.groups()
            return _summary(entity, body, self._question, english, name), True
        if match := _NO_RELATION.match(text):
            entity, asked, has, _ = match.groups()
            first = re.search(_Q, asked)
            asked = first.group(1) if first else asked
            listed = "、".join(has.split("、")[:12]) if has and not self._entry_follows else ""
            if english:
                extra = f" (it records: {_in_english(listed)})" if listed else ""
                return f"the knowledge graph has {entity} but nothing about its {_en(asked)}{extra}.", False
            extra = f"（它记载的关系有：{listed}）" if listed else ""
            return f"知识图谱中没有{name(entity)}的“{asked}”的记载{extra}。", False
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


def strip_notes(text: str) -> str:
    """The text without the KG's trailing linking notes, however many and however nested."""
    while text.endswith("）"):
        depth, start = 0, -1
        for i in range(len(text) - 1, -1, -1):
            depth += {"）": 1, "（": -1}.get(text[i], 0)
            if depth == 0:
                start = i
                break
        if start <= 0 or not _NOTE_START.match(text[start:]):
            break
        text = text[:start]
    return text


# Facts that say what an entity is come first in a summary: its names, then birth, origin, work.
_IDENTITY = ("本名", "原名", "全名", "别名", "又名", "字", "号", "笔名", "艺名", "中文名", "外文名", "英文名",
             "类型", "类别", "出生日期", "出生地", "国籍", "职业", "作者", "导演", "主演", "代表作品")
SUMMARY_FACTS = 8
_RELATION_NAME = re.compile(r"[^，。；、：（）()]{1,30}")


def _summary(entity: str, body: str, question: str, english: bool, name) -> str:
    """An entity's entry as a short paragraph: the facts the question's words name first, then the
    identity-defining ones, at most SUMMARY_FACTS; the facts where it is the object only when it
    has few of its own."""
    own, _, reverse = body.partition("；它还是这些事实的对象：")
    facts = []
    if not own.startswith("没有以它为主语的事实"):
        own = re.sub(r"等共\d+个关系$", "", own)
        for part in own.split("；"):
            relation, sep, values = part.partition("：")
            if sep and values and _RELATION_NAME.fullmatch(relation):
                facts.append((relation, values))
            elif facts:  # a "；" inside a value (山顶的隘口；山岭)
                facts[-1] = (facts[-1][0], facts[-1][1] + "；" + part)
    asked = set(ch for ch in question if ch not in words.FUNCTION_CHARS)

    def rank(item: tuple[int, tuple[str, str]]) -> tuple[int, int, int]:
        position, (relation, _) = item
        named = sum(1 for ch in set(relation) if ch in asked)
        identity = _IDENTITY.index(relation) if relation in _IDENTITY else len(_IDENTITY)
        return (-named, identity, position)

    chosen = [fact for _, fact in sorted(enumerate(facts), key=rank)[:SUMMARY_FACTS]]
    chosen.sort(key=lambda fact: facts.index(fact))  # the KG's own order reads naturally
    shown = [(relation, _first_values(values)) for relation, values in chosen]
    back = []
    if len(facts) < 3 and reverse:
        for part in reverse.split("；")[: SUMMARY_FACTS - len(facts)]:
            subjects, sep, relation = part.rpartition("的")
            if sep:
                back.append((relation, _first_values(subjects)))
    left = len(facts) - len(chosen)
    if english:
        parts = [f"the {_en(r)} is {_in_english(v)}" for r, v in shown] + [f"it is the {_en(r)} of {_in_english(v)}" for r, v in back]
        more = f" ({left} more facts not listed)" if left else ""
        return f"About {entity}: " + ("; ".join(parts) or "the knowledge graph records nothing more") + more + "."
    parts = [f"{r}是{v}" for r, v in shown] + [f"{v}的{r}是{name(entity)}" for r, v in back]
    more = f"。另有{left}项记载未列出" if left else ""
    return f"关于{name(entity)}：" + ("，".join(parts) or "知识图谱中没有更多记载") + more + "。"


def _first_values(values: str) -> str:
    # Only the KG's own long lists are cut: a "、" may as well be inside one value (专业A、专业B).
    if total := re.search(r"等共(\d+)个$", values):
        return values[: total.start()] + "等"
    return values


_TRIPLE = re.compile(r"([^，；：]+?)的([^，；：]+?)是([^，；：]+)")
_OF = re.compile(r"([^，；：]+?)的([^，；：]+)")


def _in_english(text: str) -> str:
    """The KG's Chinese glue around names, in English: lists, 'X的R是Y', 'it is also the object of'."""
    text = re.sub(r"等共(\d+)个", r" (\1 in all)", text.replace("没有以它为主语的事实", "no facts of its own"))
    own, _, reverse = text.partition("它还是这些事实的对象：")
    text = _TRIPLE.sub(lambda m: f"the {_en(m.group(2))} of {m.group(1)} is {m.group(3)}", own)
    if reverse:
        reverse = _OF.sub(lambda m: f"the {_en(m.group(2))} of {m.group(1)}", reverse)
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
