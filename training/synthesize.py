"""Planning trajectories from any knowledge graph: question → gold plan, checked in the sandbox.

Everything is read from the graph through `kg.base.KGVocabulary` (mentions, edges): no entity or
relation of a particular graph appears here. For each sampled fact a question is worded from
templates, and the gold plan is written the way prompts/plan_zh.txt's examples are (Chinese
thought, `def search():` with tab indents, `messages += msg` after every call). A trajectory is
kept only if its code, run in the sandbox against the same graph, calls the expected functions
and returns every gold answer: a plan the graph cannot answer never becomes training data.

Kinds: one_hop (X 的 R), inverse (whose R is X), two_hop (X 的 R1 的 R2), relationship (X 和 Y),
introduction (介绍 X), compound (X 的 R1 … 它的 R2, a pronoun), no_knowledge (chit-chat, sums).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, Field

from agent.evaluate import Record
from agent.offline.code import CodeWriter
from agent.offline.graph import GraphView
from agent.types import Call, ExecutionResult, Plan
from kg.base import KGVocabulary
from training.files import write_atomically

KINDS = ("one_hop", "inverse", "two_hop", "relationship", "introduction", "compound", "no_knowledge")
DEFAULT_MIX = {"one_hop": 0.3, "inverse": 0.12, "two_hop": 0.14, "relationship": 0.12,
               "introduction": 0.1, "compound": 0.12, "no_knowledge": 0.1}
"""Fact questions dominate, as in real use; every kind stays frequent enough to be learnt."""
MAX_ANSWERS = 5
"""Facts with more objects than this make long, truncated messages: not sampled."""


class Trajectory(BaseModel):
    """One training example for the planner (one line of a trajectories .jsonl)."""

    question: str
    kind: str
    plan: Plan
    answers: list[str] = Field(default_factory=list)
    """Gold values the plan's KG calls must return (`a|b`: either, as in agent eval files)."""
    functions: list[str] = Field(default_factory=list)
    """The KG functions the gold code calls, in order."""
    messages: list[str] = Field(default_factory=list)
    """The call messages the verified run produced (what an answerer would read)."""
    source: str = "synth"


class SynthesisError(ValueError):
    """The graph or the options cannot give trajectories (a user error: the CLI prints one line)."""


class SynthesisReport(BaseModel):
    trajectories: list[Trajectory]
    attempts: int
    rejected: dict[str, int]
    """Why drafts were not kept: no_fact (nothing to ask here), ambiguous, duplicate, failed_check."""

    def by_kind(self) -> dict[str, int]:
        return dict(Counter(t.kind for t in self.trajectories))


# --------------------------------------------------------------------------- plan text


def plan_json(plan: Plan) -> str:
    """The plan in the prompt's output format: one key per line, code as a JSON string."""
    fields = [("need_knowledge", "是" if plan.need_knowledge else "否"), ("thought", plan.thought), ("code", plan.code or "")]
    body = ",\n".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields)
    return "{\n" + body + "\n}"


def _quoted(words: Sequence[str]) -> str:
    return "、".join(f"'{w}'" for w in words)


# --------------------------------------------------------------------------- reading the graph


def _mention(g: GraphView, rng: random.Random, name: str) -> str | None:
    """A surface form that links back to `name` first (an ambiguous one would test linking, not planning)."""
    forms = [m for m in g.surfaces.get(name, [name]) if m.strip()]
    rng.shuffle(forms)
    for form in forms:
        linked = g.kg.link_entity(form)
        if linked and linked[0] == name:
            return form
    return None


def _relation_words(g: GraphView, rng: random.Random, relation: str) -> tuple[str, list[str]]:
    """(word used in the question, relation_aliases for the code): sometimes a synonym is asked,
    and the aliases list the asked word, the graph's name and a synonym, as rule 3 of the prompt says."""
    synonyms = g.lexicon.expand(relation)
    nouns = [s for s in synonyms if len(s) >= 2]  # one-character synonyms are often verbs (写, 生)
    asked = rng.choice(nouns) if nouns and rng.random() < 0.25 else relation
    aliases = list(dict.fromkeys([asked, relation, *synonyms[:2]]))
    return asked, aliases


class Draft(NamedTuple):
    question: str
    thought: str
    code: CodeWriter | None  # None: the question needs no knowledge
    answers: list[str]
    functions: list[str]



def _entity_aliases(mention: str, name: str) -> list[str]:
    return list(dict.fromkeys([mention, name]))


# --------------------------------------------------------------------------- one generator per kind


def _one_hop(g: GraphView, rng: random.Random) -> Draft | None:
    name = rng.choice(g.entities)
    facts = {r: v for r, v in g.grouped(name, "out").items() if len(v) <= MAX_ANSWERS}
    mention = _mention(g, rng, name)
    if not facts or mention is None:
        return None
    relation = rng.choice(sorted(facts))
    asked, aliases = _relation_words(g, rng, relation)
    question = rng.choice(["{e}的{r}是什么？", "请问{e}的{r}是什么？", "{e}的{r}是？", "你知道{e}的{r}吗？",
                           "告诉我{e}的{r}。", "查一下{e}的{r}。", "{e}的{r}是哪个？"]).format(e=mention, r=asked)
    thought = f"这个问题想问的是{mention}的{asked}，我需要查询{mention}的{asked}。'{asked}'关系可能的表达方式有{_quoted(aliases)}。"
    code = CodeWriter()
    code.call(0, "result", "find_entity_or_value", entity_aliases=_entity_aliases(mention, name), relation_aliases=aliases)
    return Draft(question, thought, code, facts[relation], ["find_entity_or_value"])


def _inverse(g: GraphView, rng: random.Random) -> Draft | None:
    name = rng.choice(g.names)
    facts = {r: v for r, v in g.grouped(name, "in").items() if len(v) <= MAX_ANSWERS}
    mention = _mention(g, rng, name)
    if not facts or mention is None:
        return None
    relation = rng.choice(sorted(facts))
    if relation in g.grouped(name, "out"):
        return None  # the same relation outgoing would answer first: the question is ambiguous
    inverses = g.lexicon.inverse(relation)
    if inverses and rng.random() < 0.5:  # ask with the inverse word: 刘慈欣的作品 ← 作者
        word = inverses[0]
        question = rng.choice(["{e}的{r}有哪些？", "{e}有哪些{r}？", "请列出{e}的{r}。"]).format(e=mention, r=word)
        aliases = list(dict.fromkeys([word, *inverses[1:2], relation]))
        thought = (f"这个问题想知道{mention}的{word}，也就是'{relation}'是{mention}的实体。"
                   f"'{word}'关系可能的表达方式有{_quoted(aliases)}。")
    else:
        question = rng.choice(["哪些实体的{r}是{e}？", "谁的{r}是{e}？", "{r}是{e}的有哪些？", "{e}是谁的{r}？"]).format(e=mention, r=relation)
        aliases = [relation]
        thought = f"这个问题想反向查询：哪些实体的'{relation}'是{mention}。我需要查询与{mention}有'{relation}'关系的实体。"
    code = CodeWriter()
    code.call(0, "result", "find_entity_or_value", entity_aliases=_entity_aliases(mention, name), relation_aliases=aliases)
    return Draft(question, thought, code, facts[relation], ["find_entity_or_value"])


def _two_hop(g: GraphView, rng: random.Random) -> Draft | None:
    name = rng.choice(g.entities)
    single = {r: v[0] for r, v in g.grouped(name, "out").items() if len(v) == 1 and v[0] in g.entities and v[0] != name}
    mention = _mention(g, rng, name)
    if not single or mention is None:
        return None
    first = rng.choice(sorted(single))
    middle = single[first]
    onward = {r: [v for v in vs if v != name] for r, vs in g.grouped(middle, "out").items() if r != first and len(vs) <= MAX_ANSWERS}
    onward = {r: vs for r, vs in onward.items() if vs}
    if not onward:
        return None
    second = rng.choice(sorted(onward))
    asked1, aliases1 = _relation_words(g, rng, first)
    asked2, aliases2 = _relation_words(g, rng, second)
    question = rng.choice(["{e}的{r1}的{r2}是什么？", "请问{e}的{r1}的{r2}是什么？", "{e}的{r1}的{r2}是？",
                           "你知道{e}的{r1}的{r2}吗？"]).format(e=mention, r1=asked1, r2=asked2)
    thought = (f"这个问题想要知道{mention}的{asked1}的{asked2}。首先，我需要找到{mention}的{asked1}，"
               f"这个关系可能被表达为{_quoted(aliases1)}。然后，我需要找到它的{asked2}，这个关系可能被表达为{_quoted(aliases2)}。")
    code = CodeWriter()
    code.call(0, "middle", "find_entity_or_value", entity_aliases=_entity_aliases(mention, name), relation_aliases=aliases1)
    code.guard(0, "middle")
    code.call(1, "result", "find_entity_or_value", entity_aliases="middle", relation_aliases=aliases2)
    return Draft(question, thought, code, onward[second], ["find_entity_or_value"] * 2)


def _relationship(g: GraphView, rng: random.Random) -> Draft | None:
    name = rng.choice(g.entities)
    edges = [e for e in g.edges(name) if e.direction == "out" and e.other != name]
    if not edges:
        return None
    edge = rng.choice(edges)
    mention, other = _mention(g, rng, name), _mention(g, rng, edge.other)
    if mention is None or other is None:
        return None
    question = rng.choice(["{a}和{b}是什么关系？", "{a}与{b}之间有什么关系？", "{a}跟{b}有什么联系？",
                           "{a}和{b}之间是什么关系？"]).format(a=mention, b=other)
    thought = f"这个问题想知道{mention}和{other}之间的关系，我需要查询这两个实体之间的关系。"
    code = CodeWriter()
    code.call(0, "relation", "find_relationship", entity1_aliases=_entity_aliases(mention, name),
                  entity2_aliases=_entity_aliases(other, edge.other))
    return Draft(question, thought, code, [edge.relation], ["find_relationship"])


def _introduction(g: GraphView, rng: random.Random) -> Draft | None:
    name = rng.choice(g.entities)
    mention = _mention(g, rng, name)
    if mention is None or len(g.grouped(name, "out")) < 2:
        return None
    question = rng.choice(["介绍一下{e}。", "请介绍{e}。", "你了解{e}吗？", "给我讲讲{e}。", "{e}有哪些基本信息？"]).format(e=mention)
    thought = f"这个问题想要了解{mention}的整体情况，关系宽泛，我需要使用get_entity_info获取{mention}的百科信息。"
    code = CodeWriter()
    code.call(0, "info", "get_entity_info", entity_aliases=_entity_aliases(mention, name))
    return Draft(question, thought, code, [name], ["get_entity_info"])


def _compound(g: GraphView, rng: random.Random) -> Draft | None:
    name = rng.choice(g.entities)
    facts = {r: v for r, v in g.grouped(name, "out").items() if len(v) <= MAX_ANSWERS}
    mention = _mention(g, rng, name)
    if len(facts) < 2 or mention is None:
        return None
    first, second = rng.sample(sorted(facts), 2)
    asked1, aliases1 = _relation_words(g, rng, first)
    asked2, aliases2 = _relation_words(g, rng, second)
    question = rng.choice(["{e}的{r1}是什么？它的{r2}呢？", "{e}的{r1}是什么，它的{r2}又是什么？",
                           "告诉我{e}的{r1}，还有它的{r2}。"]).format(e=mention, r1=asked1, r2=asked2)
    thought = (f"这个问题包含两个子问题，'它'指的是{mention}。首先，我需要查询{mention}的{asked1}，"
               f"这个关系可能被表达为{_quoted(aliases1)}。然后，我需要查询{mention}的{asked2}，这个关系可能被表达为{_quoted(aliases2)}。")
    aliases = _entity_aliases(mention, name)
    code = CodeWriter()
    code.call(0, "first", "find_entity_or_value", entity_aliases=aliases, relation_aliases=aliases1)
    code.call(0, "second", "find_entity_or_value", entity_aliases=aliases, relation_aliases=aliases2)
    return Draft(question, thought, code, facts[first] + facts[second], ["find_entity_or_value"] * 2)


_TOPICS = ["春天", "大海", "月亮", "友谊", "秋天", "雨天", "星空", "家乡", "童年", "梦想"]
_WORDS = ["你好", "谢谢", "再见", "早上好", "苹果", "朋友", "学习", "快乐"]


def _no_knowledge(g: GraphView, rng: random.Random) -> Draft | None:
    a, b = rng.randint(2, 99), rng.randint(2, 99)
    what, question = rng.choice([
        ("一道算术题", rng.choice(["{a}加{b}等于多少？", "{a}乘以{b}是多少？", "计算{a}减去{b}。"]).format(a=a, b=b)),
        ("一句问候", rng.choice(["你好！", "你好，请介绍一下你自己。", "谢谢你的帮助。", "早上好！", "你是谁？"])),
        ("一个写作请求", rng.choice(["帮我写一首关于{t}的诗。", "用一句话描述{t}。", "写一段关于{t}的短文。"]).format(t=rng.choice(_TOPICS))),
        ("一个翻译请求", "把'{w}'翻译成英文。".format(w=rng.choice(_WORDS))),
    ])
    thought = f"这个问题是{what}，不需要查询知识图谱中的知识，可以直接回答。"
    return Draft(question, thought, None, [], [])


GENERATORS = {"one_hop": _one_hop, "inverse": _inverse, "two_hop": _two_hop, "relationship": _relationship,
              "introduction": _introduction, "compound": _compound, "no_knowledge": _no_knowledge}


# --------------------------------------------------------------------------- checking


def result_leaves(value: Any) -> set[str]:
    """Every string inside a call result (lists, paths, entity-info dicts, keys included)."""
    if isinstance(value, dict):
        return set().union(*(result_leaves(k) | result_leaves(v) for k, v in value.items())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(result_leaves(v) for v in value)) if value else set()
    return set() if value is None else {str(value)}


def calls_answer(calls: Sequence[Call], answers: Sequence[str], functions: Sequence[str]) -> bool:
    """The calls are the expected functions in order and their results hold every gold answer
    (`a|b` accepts either). Checking the functions too keeps a catch-all get_entity_info from
    passing as the answer to a precise question."""
    if [c.function for c in calls] != list(functions):
        return False
    found = set().union(*(result_leaves(c.result) for c in calls)) if calls else set()
    return all(any(alt in found for alt in gold.split("|")) for gold in answers)


def check_execution(result: ExecutionResult, trajectory: Trajectory) -> bool:
    return result.error is None and calls_answer(result.calls, trajectory.answers, trajectory.functions)


# --------------------------------------------------------------------------- the driver


def synthesize(
    kg: Any,
    n: int = 100,
    *,
    seed: int = 0,
    mix: dict[str, float] | None = None,
    lexicon: Any = None,
    sandbox: Any = None,
    max_attempts: int | None = None,
    on_draft: Callable[[int, int], None] | None = None,
) -> SynthesisReport:
    """Up to `n` verified trajectories from `kg` (a KnowledgeGraph that is also a KGVocabulary).

    `lexicon` (kg.linking.RelationLexicon, default: the bundled one) supplies relation synonyms
    and inverses for varied wording; `sandbox` (default: a fresh `agent.sandbox.Sandbox(kg)`)
    runs each gold plan. Fewer than `n` come back when the graph cannot give more distinct ones.
    `on_draft(kept, drafts)` is called after every draft, for a progress display."""
    from agent.plan import parse_plan

    if not isinstance(kg, KGVocabulary):
        raise SynthesisError("synthesis reads the graph's vocabulary: the KG must implement kg.base.KGVocabulary")
    mix = mix or DEFAULT_MIX
    unknown = set(mix) - set(KINDS)
    if unknown:
        raise SynthesisError(f"unknown trajectory kinds {sorted(unknown)}; choose from {', '.join(KINDS)}")
    graph = GraphView(kg, lexicon)
    if not graph.entities:
        raise SynthesisError("the graph has no entity with an outgoing edge: nothing to ask about")
    rng = random.Random(seed)
    kinds, weights = zip(*sorted(mix.items()))
    rejected: Counter[str] = Counter()
    kept: list[Trajectory] = []
    seen: set[str] = set()
    owned = sandbox is None
    if owned:
        from agent.sandbox import Sandbox

        sandbox = Sandbox(kg)
    attempts = 0
    try:
        limit = max_attempts or 30 * n
        while len(kept) < n and attempts < limit:
            if on_draft is not None:
                on_draft(len(kept), attempts)
            attempts += 1
            kind = rng.choices(kinds, weights)[0]
            draft = GENERATORS[kind](graph, rng)
            if draft is None:
                rejected["no_fact"] += 1
                continue
            if draft.question in seen:
                rejected["duplicate"] += 1
                continue
            code = draft.code.code() if draft.code else None
            plan = Plan(need_knowledge=code is not None, thought=draft.thought, code=code)
            trajectory = Trajectory(question=draft.question, kind=kind, plan=plan, answers=draft.answers, functions=draft.functions)
            # What the model learns must come back through the parser (which re-indents code) intact.
            parsed = parse_plan(plan_json(plan))
            if (parsed.need_knowledge, parsed.thought, parsed.code is None) != (plan.need_knowledge, plan.thought, code is None):
                rejected["failed_check"] += 1
                continue
            if parsed.code is not None:
                result = sandbox.run(parsed.code)
                if not check_execution(result, trajectory):
                    rejected["failed_check"] += 1
                    continue
                trajectory.messages = result.messages
            seen.add(draft.question)
            kept.append(trajectory)
    finally:
        if owned:
            sandbox.close()
    return SynthesisReport(trajectories=kept, attempts=attempts, rejected=dict(rejected))


def trajectories_from_eval(records: Iterable[Record | dict[str, Any]]) -> list[Trajectory]:
    """Good runs of `agent eval --out` (agent.evaluate.Record, or its JSON as a dict) become
    trajectories: the plan the agent actually executed, kept only when the answer was scored
    correct and the run had no error."""
    kept: dict[str, Trajectory] = {}
    for record in map(Record.model_validate, records):
        result, question = record.result, record.question
        if not record.correct or result.error or (result.need_knowledge and not result.code):
            continue
        text = question.question or result.question
        if not text or text in kept:
            continue
        plan = Plan(need_knowledge=result.need_knowledge, thought=result.thought, code=result.code or None)
        kept[text] = Trajectory(question=text, kind=question.type, plan=plan, answers=list(question.answers),
                                functions=[call.function for call in result.calls], messages=list(result.messages),
                                source="eval")
    return list(kept.values())


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def read_trajectories(path: str | Path) -> list[Trajectory]:
    return [Trajectory.model_validate(record) for record in read_jsonl(path)]


def write_trajectories(trajectories: Iterable[Trajectory], path: str | Path) -> Path:
    return write_atomically(Path(path), "".join(t.model_dump_json() + "\n" for t in trajectories).encode("utf-8"))
