"""The plan's code, a line at a time: calls, guards, the plan's own Python, and the thought texts.

`CodeWriter` holds the body of `search()` (tab indents, `messages += msg` after every call, as in
the planning prompt's examples); the trajectory synthesiser writes its gold plans with it too.
`write_chain` writes a reading's path of hops; every sentence of a thought comes from THOUGHTS,
keyed by (text, language).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NamedTuple

from agent.offline import question as q
from agent.offline.search import Hop, reverse
from agent.offline.text import fold
from agent.offline.topic import Reading
from agent.offline.words import WORDS
from kg.linking import RelationLexicon, strip_suffix, suffix_of

MAX_ENTITY_ALIASES = 5  # names of one anchor written into a call
MAX_ASKED_ALIASES = 6  # a relation asked as written, with its synonyms
MAX_SYNONYM_ALIASES = 4  # synonyms after the graph's own relation name
MAX_INVERSE_ALIASES = 3
MAX_SENSES = 3  # entities of one ambiguous name asked for separately
MAX_LISTED = 20  # members of a computed set named in the answer; then how many there are in all

THOUGHTS: dict[tuple[str, str], str] = {
    ("note", "zh"): "（离线规则规划器：按字面和同义词匹配选择实体和关系，是没有模型的基线。）",
    ("note", "en"): "(Offline rule-based planner: picks entities and relations by literal and synonym matching; a baseline without a model.)",
    ("previous", "zh"): "上一步的结果（{var}）",
    ("previous", "en"): "the result of the previous step ({var})",
    ("quote", "zh"): "“{name}”",
    ("quote", "en"): "'{name}'",
    ("relationship", "zh"): "这个问题问的是{who}和{other}之间的关系，我用find_relationship查询两者的关系。",
    ("relationship", "en"): "The question asks how {who} and {other} are related, so I look for the relationship between them. ",
    ("asked", "zh"): "问题问的是{who}的“{first}”，它的关系里没有字面相符的，我仍按这个关系及其同义词查询；如果知识图谱没有这个关系，再获取它的信息。",
    ("asked", "en"): "The question asks {who} for {listed}, a relation no edge of it fits by name; I ask for it anyway, and fetch its entry if the graph has no such relation. ",
    ("guess", "zh"): "问题里没有找到知识图谱中的实体名，我猜测问题的主题是{who}，查询它的百科信息。",
    ("guess", "en"): "No name of the knowledge graph appears in the question; I guess the topic is {who} and fetch its entry. ",
    ("info", "zh"): "这个问题是在笼统地询问{who}，没有明确的关系，我用get_entity_info获取它的全部信息。",
    ("info", "en"): "The question asks about {who} in general, so I fetch its whole entry with get_entity_info. ",
    ("fact", "zh"): "问题“{clause}”从{who}出发：{steps}。",
    ("fact", "en"): "Starting from {who}: {steps}. ",
    ("steps", "zh"): "；",
    ("steps", "en"): "; ",
    ("first_hop", "zh"): "先查询关系'{relation}'{side}，可能的表达有{listed}",
    ("first_hop", "en"): "the relation '{relation}'{side}, written as {listed}",
    ("next_hop", "zh"): "再查询关系'{relation}'{side}，可能的表达有{listed}",
    ("next_hop", "en"): "then the relation '{relation}'{side}, written as {listed}",
    ("also_hop", "zh"): "同时查询关系'{relation}'{side}，可能的表达有{listed}",
    ("also_hop", "en"): "and also the relation '{relation}'{side}, written as {listed}",
    ("incoming", "zh"): "（这是指向它的反向关系，知识图谱会从另一端查找）",
    ("incoming", "en"): " (an incoming edge: the graph is searched from the other side)",
    ("list", "zh"): "、",
    ("list", "en"): ", ",
    ("leave_out", "zh"): "，并去掉出发时的实体",
    ("leave_out", "en"): ", leaving out where it started",
    ("other_than", "zh"): "除“{name}”以外：",
    ("other_than", "en"): "Other than {name}: ",
    ("result_head", "zh"): "（不计出发的实体）结果：",
    ("result_head", "en"): "Leaving out where the question started: ",
    ("result_more", "zh"): "等，共%d个",
    ("result_more", "en"): " (%d in all)",
    ("end", "zh"): "。",
    ("end", "en"): ".",
    ("count", "zh"): "问题要数从{who}出发得到的结果有几个：{steps}；最后在代码里用len()计数。",
    ("count", "en"): "The question asks how many: starting from {who}: {steps}; the code counts them with len(). ",
    ("count_where", "zh"): "这%d个中“{relation}”是“{value}”的一共%d个：",
    ("count_where", "en"): "Of these %d, %d whose {relation} is {value}: ",
    ("count_where_thought", "zh"): "只数“{relation}”是“{value}”的。",
    ("count_where_thought", "en"): "Only those whose '{relation}' is '{value}' are counted. ",
    ("count_where_has", "zh"): "这%d个中有“{relation}”记载的一共%d个：",
    ("count_where_has", "en"): "Of these %d, %d with a {relation}: ",
    ("count_where_has_thought", "zh"): "只数有“{relation}”记载的。",
    ("count_where_has_thought", "en"): "Only those with a '{relation}' are counted. ",
    ("count_where_not", "zh"): "这%d个中“{relation}”不是“{value}”的一共%d个：",
    ("count_where_not", "en"): "Of these %d, %d whose {relation} is not {value}: ",
    ("count_where_not_thought", "zh"): "只数“{relation}”不是“{value}”的。",
    ("count_where_not_thought", "en"): "Only those whose '{relation}' is not '{value}' are counted. ",
    ("count_head", "zh"): "一共%d个：",
    ("count_head", "en"): "%d in all: ",
    ("count_more", "zh"): "等",
    ("count_more", "en"): " and more",
    ("compare", "zh"): "问题比较{a}和{b}的“{relation}”：分别查询两者的“{relation}”，在代码里把取值解析成可比较的数，取{how}的一个。",
    ("compare", "en"): "The question compares {a} and {b} by '{relation}': I look up both, and the code parses the values into comparable numbers and takes the {how} one. ",
    ("pick_min", "zh"): "较小（较早）",
    ("pick_min", "en"): "smaller (earlier)",
    ("pick_max", "zh"): "较大（较晚）",
    ("pick_max", "en"): "larger (later)",
    ("compare_head", "zh"): "按“{relation}”比较：",
    ("compare_head", "en"): "By {relation}: ",
    ("sep", "zh"): "，",
    ("sep", "en"): "; ",
    ("is", "zh"): "是",
    ("is", "en"): " is ",
    ("so", "zh"): "，所以是",
    ("so", "en"): ", so: ",
    ("tie", "zh"): "两者相同。",
    ("tie", "en"): "They are the same. ",
    ("yes", "zh"): "是的。",
    ("yes", "en"): "Yes. ",
    ("no", "zh"): "不是。",
    ("no", "en"): "No. ",
    ("cannot_compare", "zh"): "无法按“{relation}”比较，知识图谱中缺少这一项的是：",
    ("cannot_compare", "en"): "Cannot compare by {relation}: the knowledge graph lacks it for ",
    ("rank", "zh"): "问题要从{who}出发的结果中找出“{relation}”{how}的一个：{steps}；再逐个查询它们的“{relation}”，在代码里比较。",
    ("rank", "en"): "The question ranks what starting from {who} finds by '{relation}': {steps}; then each one's '{relation}' is looked up and the code compares them. ",
    ("rank_head", "zh"): "按“{relation}”，{how}的是",
    ("rank_head", "en"): "By {relation}, the {how} is ",
    ("earlier", "zh"): "最早",
    ("earlier", "en"): "earliest",
    ("later", "zh"): "最晚",
    ("later", "en"): "latest",
    ("more", "zh"): "最大",
    ("more", "en"): "largest",
    ("less", "zh"): "最小",
    ("less", "en"): "smallest",
    ("open", "zh"): "（",
    ("open", "en"): " (",
    ("close", "zh"): "）。",
    ("close", "en"): ").",
    ("both", "zh"): "问题问{a}和{b}共有的结果：{hop}，两者各查一次，在代码里取交集。",
    ("both", "en"): "The question asks what {a} and {b} have in common: {hop}, looked up for each, and the code keeps what both have. ",
    ("both_head", "zh"): "两者都有的：",
    ("both_head", "en"): "Both have: ",
    ("all_head", "zh"): "这{count}个都有的：",
    ("all_head", "en"): "All {count} have: ",
    ("none_shared", "zh"): "两者没有共同的结果",
    ("none_shared", "en"): "They have nothing in common here",
    ("greeting", "zh"): "这是一句问候，不需要查询知识图谱。",
    ("greeting", "en"): "This is a greeting; it needs no knowledge from the graph.",
    ("arithmetic", "zh"): "这是一道算术题，不需要查询知识图谱。",
    ("arithmetic", "en"): "This is arithmetic; it needs no knowledge from the graph.",
    ("chitchat", "zh"): "这是闲聊，不需要查询知识图谱。",
    ("chitchat", "en"): "This is small talk; it needs no knowledge from the graph.",
    ("task", "zh"): "这是写作之类的请求，不是询问事实，不需要查询知识图谱。",
    ("task", "en"): "This asks for writing, not for facts; it needs no knowledge from the graph.",
    ("no_mention", "zh"): "问题里没有提到知识图谱中的实体，也不像是在询问事实，因此不需要查询知识图谱。",
    ("no_mention", "en"): "No entity of the knowledge graph is mentioned and the question matches no fact pattern, so it needs no knowledge from the graph.",
}


def say(key: str, lang: str, **fields: object) -> str:
    return THOUGHTS[key, lang].format(**fields)


class CodeWriter:
    """The body of `search()`, a line at a time: calls, `if var:` guards, and the result variables."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.count = 0
        self.last_var: str | None = None

    def new_var(self) -> str:
        self.count += 1
        return f"result{self.count}"

    def call(self, depth: int, target: str, function: str, **arguments: str | Sequence[str]) -> None:
        """`target, msg = function(name = value, …)`; a str argument is a variable of the plan."""
        args = ", ".join(f"{name} = {value if isinstance(value, str) else repr(list(value))}" for name, value in arguments.items())
        self.lines.append("\t" * (depth + 1) + f"{target}, msg = {function}({args})")
        self.lines.append("\t" * (depth + 1) + "messages += msg")

    def line(self, depth: int, code: str) -> None:
        """One line of the plan's own Python (a filter, a count, a comparison) at that depth."""
        self.lines.append("\t" * (depth + 1) + code)

    def guard(self, depth: int, var: str, negate: bool = False) -> None:
        self.lines.append("\t" * (depth + 1) + f"if {'not ' if negate else ''}{var}:")

    def code(self) -> str:
        return "def search():\n\tmessages = ''\n" + "".join(f"{line}\n" for line in self.lines) + "\treturn messages\n"


def plan_json(need_knowledge: bool, thought: str, code: str | None) -> str:
    """The planner's output, as a model would write it (one line; parse_plan reads both styles)."""
    plan = {"need_knowledge": "是" if need_knowledge else "否", "thought": thought}
    if code:
        plan["code"] = code
    return json.dumps(plan, ensure_ascii=False)


class Step:
    """One reading being written: where its anchor comes from and how the thought names it."""

    def __init__(self, writer: CodeWriter, lexicon: RelationLexicon, lang: str, reading: Reading, source_var: str | None):
        self.writer, self.lexicon, self.lang, self.reading = writer, lexicon, lang, reading
        self.depth = 0
        if source_var:
            writer.guard(0, source_var)
            self.depth, self.entity = 1, source_var
            self.who = say("previous", lang, var=source_var)
        else:
            self.entity = entity_aliases(reading.anchor, reading.surface)
            self.who = say("quote", lang, name=reading.anchor[0] if reading.anchor else reading.surface)


class Chain(NamedTuple):
    var: str  # the variable holding the last hop's results
    depth: int  # the guard depth it was written at
    steps: list[str]  # the thought's description of each hop


def write_chain(step: Step, *, result_line: bool = True) -> Chain:
    """The calls of the reading's path, each hop on the results of the one before (under `if var:`);
    going back along a hop (in English only when asked for the others, the same, co-stars), or
    其他/还, leaves out where the path started — and then the plan
    states the result set it computed as one line of `messages`."""
    reading, writer, lang = step.reading, step.writer, step.lang
    path, entity, depth = reading.path, step.entity, step.depth
    steps, sources, back = [], [], False
    for number, hop in enumerate(path.hops):
        var = writer.new_var()
        aliases = relation_aliases(step.lexicon, hop, path.seen[number], path.both_ways[number] if number < len(path.both_ways) else frozenset())
        writer.call(depth, var, "find_entity_or_value", entity_aliases=entity, relation_aliases=aliases)
        steps.append(describe("next_hop" if number else "first_hop", lang, hop, aliases))
        sources.append(entity)
        if number and hop == reverse(path.hops[number - 1]) and not reading.keep_start:
            # The others sharing this end (co-stars, 还写过): not the ones the path started from.
            writer.line(depth, f"{var} = [x for x in {var} if x not in {literal(sources[number - 1])}]")
            steps[-1] += say("leave_out", lang)
            back = True
        elif number == 3 and back and hop == reverse(path.hops[0]):
            # the mirror of the first hop (authors sharing a publisher): the anchor is not among the others
            writer.line(depth, f"{var} = [x for x in {var} if x not in {literal(sources[0])}]")
        writer.last_var = entity = var
        if number + 1 < len(path.hops):
            writer.guard(depth, var)
            depth += 1
    if not back and reading.others and len(path.hops) > 1:
        # "X的作者还写过什么": the works of the author, but not X itself.
        writer.line(depth, f"{entity} = [x for x in {entity} if x not in {literal(sources[0])}]")
        steps[-1] += say("leave_out", lang)
        back = True
    if back and result_line:
        start = sources[0] if isinstance(sources[0], list) and len(path.hops) == 2 else None
        write_result_line(writer, depth, entity, lang, start)
    return Chain(entity, depth, steps)


def write_result_line(writer: CodeWriter, depth: int, var: str, lang: str, start: list[str] | None) -> None:
    """The computed answer as one line of `messages`: every member up to MAX_LISTED, then how many in
    all; headed by what was left out (the anchor's name, or just "where it started")."""
    joiner, more = say("list", lang), say("result_more", lang)
    head = say("other_than", lang, name=start[0]) if start else say("result_head", lang)
    writer.line(depth, f"messages += '\\n' + {head!r} + {joiner!r}.join({var}[:{MAX_LISTED}])"
                       f" + ({more!r} % len({var}) if len({var}) > {MAX_LISTED} else '') + {say('end', lang)!r}")


def literal(value: str | list[str]) -> str:
    return value if isinstance(value, str) else repr(list(value))


def relation_aliases(lexicon: RelationLexicon, hop: Hop, seen: frozenset[str], both_ways: frozenset[str] = frozenset()) -> list[str]:
    """The graph's relation name first, then synonyms (inverse names for an incoming edge) —
    leaving out any word that is itself a relation of the entities at hand: the KG tries the
    words in order and must land on the relation the planner chose."""
    if hop.direction == "in":
        # The KG tries synonyms on outgoing edges before the literal name on incoming ones, so an
        # incoming relation is asked for by its own name only; as ^R (only the edges pointing at
        # the entity) where one of the entities has R both ways (who beat X, when X beat others) —
        # except a parent edge, asked by its inverse names (子女), which the KG reads from the
        # other side.
        if hop.relation in WORDS.kin_relations:
            inverse = [w for w in lexicon.inverse(hop.relation) if w not in seen and w != hop.relation]
            if inverse:
                return inverse[:MAX_INVERSE_ALIASES]
        return ["^" + hop.relation if hop.relation in both_ways else hop.relation]
    others = [w for w in dict.fromkeys(lexicon.expand(hop.relation)) if w != hop.relation and w not in seen]
    return [hop.relation] + others[:MAX_SYNONYM_ALIASES]


def entity_aliases(entities: Sequence[str], surface: str) -> list[str]:
    """The anchor's names, then the surface form — last, since it may name other entities too."""
    names = list(entities[:MAX_ENTITY_ALIASES])
    if surface and all(fold(strip_suffix(n)) != surface and fold(n) != surface for n in names):
        names.append(surface)
    return names or [surface]


def describe(key: str, lang: str, hop: Hop, aliases: list[str]) -> str:
    side = say("incoming", lang) if hop.direction == "in" else ""
    return say(key, lang, relation=hop.relation, side=side, listed=say("list", lang).join(f"'{a}'" for a in aliases))


def echoes_suffix(entity: str, text: str) -> bool:
    hint = fold(suffix_of(entity))
    return any(ch in text and ch not in q.FUNCTION_CHARS for ch in hint)
