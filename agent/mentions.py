"""What a question mentions: entities (an Aho–Corasick index over the KG's names and aliases) and
how the rest of it reads (relation words, question words, pronouns, patterns).

The index finds every surface form `KGVocabulary.mentions()` yields in one pass over the question,
keeping the longest of overlapping matches; the planner decides which mention is the topic by
scoring the mentioned entities' edges against the rest of the question with `Query`. The word lists
here are about Chinese and English question phrasing, never about a particular KG.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

import ahocorasick

from kg.base import KGVocabulary

# Quotes and title marks mean nothing to matching; kept out of both the keys and the question.
_DROP = str.maketrans("", "", "《》〈〉<>“”‘’\"'「」『』【】`")
_DOTS = str.maketrans({c: "·" for c in "•・‧∙⋅･"})
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"([A-Za-z])['’]s(?=[\s.,!?;:]|$)")
_WORD_CHAR = re.compile(r"[0-9a-z]")


def fold(text: str, possessive: bool = True) -> str:
    """Matching key: NFKC, case-folded, no quotes, single spaces (kept so English words stay words).
    An English possessive is split off (Jay Chou's wife → jay chou s wife) so the name stays whole."""
    text = unicodedata.normalize("NFKC", text)
    if possessive:
        text = _POSSESSIVE.sub(r"\1 s", text)
    text = text.translate(_DROP).translate(_DOTS)
    return _SPACE.sub(" ", text).strip().casefold()


_NESTED_SUFFIX = re.compile(r"^(.+?)\s*\((?:[^()]|\([^()]*\))*\)$")
_INNER_NOTE = re.compile(r"\([^()]*\)")
_LEGAL_FORM = re.compile(r"(?<=..)(股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)$")
_MEANINGFUL = re.compile(r"[\w\u3400-\u9fff]")


def _surface_keys(surface: str) -> list[str]:
    """The folded surface, plus forms people type: without a nested disambiguation
    (郑多彬（韩国女演员（2000年出生）） → 郑多彬) and without the middle dot (哈维尔·埃尔南德斯)."""
    key = fold(surface)
    if not key or not _MEANINGFUL.search(key):
        return []  # "？" or "·" alone is a node of some graphs, never a mention
    keys = [key, fold(surface, possessive=False)]  # McDonald's: "mcdonald s" and "mcdonalds"
    nested = _NESTED_SUFFIX.match(key)
    if nested:
        keys.append(nested.group(1).strip())
    # 中国香港(地区)商会 → 中国香港商会; 贵州盐业(集团)有限责任公司 → 贵州盐业: organisations are
    # named without their legal form and inner notes.
    inner = _INNER_NOTE.sub("", keys[-1])
    keys += [inner, _LEGAL_FORM.sub("", inner)]
    keys += [k.replace("·", "") for k in keys if "·" in k and len(k) > 3]
    return [k for k in dict.fromkeys(keys) if len(k) >= 2 or k == key]


class Mention(NamedTuple):
    start: int
    end: int
    surface: str
    """The folded surface as it appears in the folded question."""
    entities: tuple[str, ...]
    """The entity names this surface may denote, in the order the vocabulary gave them."""


class MentionIndex:
    """Every surface form of a KG, searchable in one pass over a question.

    Built once from `mentions()`; ~20k entities take a fraction of a second."""

    def __init__(self, vocabulary: KGVocabulary) -> None:
        table: dict[str, list[str]] = {}
        for surface, entity in vocabulary.mentions():
            for key in _surface_keys(surface):
                bucket = table.setdefault(key, [])
                if entity not in bucket:
                    bucket.append(entity)
        self._automaton = ahocorasick.Automaton()
        for key, entities in table.items():
            self._automaton.add_word(key, (key, tuple(entities)))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def find(self, folded_question: str) -> list[Mention]:
        """All mentions in an already `fold`ed question, longest first, then leftmost."""
        if not self.size:
            return []
        found = []
        for end, (key, entities) in self._automaton.iter(folded_question):
            start = end + 1 - len(key)
            # An ASCII key must be a whole word: "art" is no mention inside "party".
            if _WORD_CHAR.match(key[0]) and start > 0 and _WORD_CHAR.match(folded_question[start - 1]):
                continue
            if _WORD_CHAR.match(key[-1]) and end + 1 < len(folded_question) and _WORD_CHAR.match(folded_question[end + 1]):
                continue
            found.append(Mention(start, end + 1, key, entities))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        # Longest match: a mention inside a longer one (李晓 in 李晓平, 小学 in 阳光小学) is dropped.
        kept: list[Mention] = []
        for mention in found:
            if not any(k.start <= mention.start and mention.end <= k.end for k in kept):
                kept.append(mention)
        return kept

    def get(self, surface: str) -> tuple[str, ...]:
        """The entities of one exact (folded) surface form, or ()."""
        key = fold(surface)
        return self._automaton.get(key, (key, ()))[1] if self.size else ()


# ====================================================================== reading the rest of a question
# The planner scores a mentioned entity's edges against what is left of the question once the
# mention is cut out. The word lists below are about *Chinese and English question phrasing*, not
# about any KG: which characters carry no meaning, which words ask for a person, a place, a date.

_CJK = re.compile(r"[\u3400-\u9fff]")
HOLE = "□"  # replaces cut-out text so no bigram forms across it

# Characters that carry the question's grammar, not its content: a match on them counts little.
FUNCTION_CHARS = frozenset("的是了吗呢啊呀吧么什谁哪几多少怎样如何个有在和与及或请问你我他她它们知道一下这那还都也就被把从对于给会能可以要为去到得着过嘛哦些每啥该其此吧么里儿")

_FRAME = re.compile(
    r"(有没有人|有谁|有人|谁|你们?|大家|我想|我很|我)?(知道|了解|清楚|好奇)|请问一下|请问|想问一下|想问|问一下|告诉我|"
    r"麻烦|能不能|可不可以|可以|能否|一下|呢|吗|啊|呀|吧|哦|嘛|[?？!！。,，.、:：;；~～]"
)
_INTRO = re.compile(
    # "元朝是个什么样的朝代", "腾讯是一家什么公司": a classifier or 什么样 before the closing kind
    # noun makes it a description of X, not a relation named by the noun.
    r"是?(?:一?[个家部种本首位座款所只条门项])(?:什么样?|怎样|怎么样)的?[\u4e00-\u9fff]{0,4}(?=□*$)|"
    r"是?(?:什么样|怎样|怎么样)的[\u4e00-\u9fff]{0,4}(?=□*$)|"
    r"介绍|简介|简单|资料|信息|情况|基本|详细|百科|是什么人|是什么东西|什么人|什么东西|是谁|谁是|是什么|什么是|是哪位|哪位是|"
    r"关于|讲讲|说说|聊聊|给我|一下|介绍下|是个|是一个|这[本部首个家位座条只件款所][\u4e00-\u9fff]{0,3}$|这[本部首个家位座条只件款所]"
)
# Kind words that also read as an introduction ("三体是什么小说") — unless an edge of the entity
# explains them ("余华的作品有哪些": 作品 names 代表作品), which the planner checks.
_INTRO_KINDS = re.compile(r"小说|电影|电视剧|歌曲|作品|人物")
_INTRO_EN = re.compile(r"\b(tell|me|about|who|what|is|was|are|were|introduce|describe|information|info|on|the|a|an|please|some|give|do|you|know|s)\b|['’?!.,]")
_KIND_WORDS = r"(?:作品|电影|电视剧|小说|书|歌曲|歌|人|公司|城市|地方|国家|剧|游戏|动画|节目|专辑|组合|学校)?"
_PRONOUN = re.compile(rf"他们|她们|它们|他|她|它|其|此人|(?:这|那|该)(?:[部本首个位家座所张])?{_KIND_WORDS}")
_PRONOUN_EN = re.compile(r"\b(he|she|it|his|her|its|him|they|their|them)\b")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def is_english(text: str) -> bool:
    """Latin letters and no Chinese: answer in English (an empty or symbol-only question gets Chinese)."""
    return not has_cjk(text) and bool(re.search(r"[A-Za-z]", text))


def mention_length(surface: str) -> float:
    """Characters of evidence a mention gives: CJK characters, or about one per 1.5 Latin letters."""
    cjk = len(_CJK.findall(surface))
    return cjk + (len(surface) - cjk) / 1.5


def rest_of(text: str, start: int, end: int) -> str:
    """The question without the mention and without its framing (你知道…吗, 请问), holes kept."""
    rest = text[:start] + HOLE * (end - start) + text[end:]
    if not has_cjk(text):
        return rest
    return _FRAME.sub(lambda m: HOLE * len(m.group(0)), rest)


def strip_frame(text: str) -> str:
    """The text without its framing words (请问, 你知道…吗) and punctuation."""
    return _FRAME.sub("", text) if has_cjk(text) else text.strip()


_PRECEDES_QUESTION_CHAR = frozenset("哪几多每什啥")


def single_char_mention_ok(text: str, start: int) -> bool:
    """A one-character name is a mention unless it is a particle mid-sentence (是, 的) or the
    second character of a question word (哪年, 几个); at the start of the question, before 的/字,
    even a particle-like character (着, 为) is the topic."""
    before = text[start - 1] if start else ""
    if before in _PRECEDES_QUESTION_CHAR:
        return False
    char = text[start]
    if char not in FUNCTION_CHARS:
        return True
    framed = rest_of(text, 0, 0)
    at_start = start == 0 or framed[start - 1] == HOLE
    return at_start and text[start + 1 : start + 2] in ("的", "字", "这")


def is_introduction(rest: str, kinds: bool = True) -> bool:
    """介绍一下X / X是谁 / X是什么 / tell me about X: nothing asked beyond the entity itself.
    `kinds=False`: a kind word (小说, 作品) left in the rest means something may be asked."""
    if has_cjk(rest):
        left = _INTRO.sub("", rest)
        if kinds:
            left = _INTRO_KINDS.sub("", left)
        return not any(ch not in FUNCTION_CHARS and ch != HOLE for ch in left)
    return not _INTRO_EN.sub(" ", rest).replace(HOLE, " ").strip()


def intro_kinds(rest: str) -> list[str]:
    return _INTRO_KINDS.findall(rest) if has_cjk(rest) else []


# Kinship words a graph rarely records as such, spelled as the chain of parent/child edges it does
# record (乾隆的爷爷 = 乾隆的父亲的父亲). Used only when the entity has no edge of that name.
KINSHIP = {
    "外祖父": "母亲的父亲", "外祖母": "母亲的母亲", "外公": "母亲的父亲", "姥爷": "母亲的父亲",
    "外婆": "母亲的母亲", "姥姥": "母亲的母亲", "祖父": "父亲的父亲", "爷爷": "父亲的父亲",
    "祖母": "父亲的母亲", "奶奶": "父亲的母亲", "孙子": "儿子的儿子", "孙女": "儿子的女儿",
    "外孙": "女儿的儿子", "外孙女": "女儿的女儿",
}
KIN_RELATIONS = frozenset("父亲 母亲 儿子 女儿 子女".split())
_KINSHIP = re.compile("|".join(sorted(KINSHIP, key=len, reverse=True)))
# Colloquial parents (隋炀帝他爸, 他老妈): always the parent relation.
_PARENT = re.compile(r"(?:他|她|老|(?<=的))(?:爸爸|爸|爹|妈妈|妈)")


def spell_kinship(rest: str, start: int, known) -> str:
    """The rest of the question with colloquial parent words as 父亲/母亲 and, after `start`, each
    kinship word the entity lacks (`known(word)` is False) as its chain of parent/child words."""
    head, tail = rest[:start], rest[start:]
    tail = _PARENT.sub(lambda m: "父亲" if m.group(0)[-1] in "爸爹" else "母亲", tail)
    tail = _KINSHIP.sub(lambda m: m.group(0) if known(m.group(0)) else KINSHIP[m.group(0)], tail)
    return head + tail


_RELATION_PHRASE = re.compile(rf"^的?([^□叫{''.join(sorted(FUNCTION_CHARS))}?？!！。,，、\s]{{2,8}})")
_NAME_QUESTION = re.compile(r"叫什么名字|叫什么|叫啥")


def asks_name(text: str) -> bool:
    """叫什么名字 / 叫什么 / 叫啥 somewhere in the text."""
    return bool(_NAME_QUESTION.search(text))


def drop_name_question(rest: str, end: int) -> str:
    """"莫言的妻子叫什么名字": 叫什么名字 asks for the answer's name, no relation — unless nothing
    else is asked after the mention ("X叫什么名字", "大家都管X叫什么名字" keep 名字)."""
    dropped = _NAME_QUESTION.sub(lambda m: HOLE * len(m.group(0)), rest)
    return dropped if any(ch not in FUNCTION_CHARS and ch != HOLE and ch.isalnum() for ch in dropped[end:]) else rest


def relation_phrase(rest: str, end: int, english: bool) -> list[str]:
    """The words naming what is asked right after the mention ("金庸的妻子是谁" → 妻子; "Jin Yong's
    wife" → wife and what it maps to), for a lookup that lets the KG say it has no such relation."""
    if english:
        tokens = [w for w in _LATIN_WORD.findall(rest.casefold()) if w not in _EN_STOP]
        for token in tokens:
            mapped = EN_RELATION_WORDS.get(token) or EN_RELATION_WORDS.get(_stem(token))
            if mapped:
                return list(dict.fromkeys([token, *mapped.split()]))
        return []
    match = _RELATION_PHRASE.match(rest[end:])
    if not match:
        return []
    phrase = match.group(1)
    if len(phrase) < 2 or is_question_word(phrase) or not any(ch not in FUNCTION_CHARS for ch in phrase):
        return []
    return [phrase]


_QUESTION_WORDS = frozenset("什么 哪里 哪个 哪些 是谁 谁是 多少 怎么 怎样 为什么 如何 是什么 知道 请问 你好 介绍 关系 哪儿 哪位 什么时候 一下 我们 你们".split())


def is_question_word(surface: str) -> bool:
    """Question words and framing (什么, 请问, 我知道) that some graphs also have as names."""
    return surface in _QUESTION_WORDS or bool(_FRAME.fullmatch(surface))


_CHOICE = re.compile(r"(?:是|在)?([^是在的，,?？]{1,8})还是([^是的，,?？]{1,8}?)(?:了|呢|啊|呀|吗)*[?？]*$")


def choice_spans(text: str) -> list[tuple[int, int]]:
    """"妈咪是连载中还是已完结": the options of a choice question are answers, never its topic."""
    match = _CHOICE.search(text)
    return [match.span(1), match.span(2)] if match else []


def has_conjunction(text: str) -> bool:
    """和/与/及/、/and between two things asked (X的作词和作曲)."""
    return bool(re.search(r"和|与|及|、|\band\b", text))


def has_pronoun(text: str) -> bool:
    return bool(_PRONOUN.search(text) if has_cjk(text) else _PRONOUN_EN.search(text))


def refers_to_person(text: str) -> bool:
    """他/她/he/she (a person) rather than 它/这部/it (a thing)."""
    return bool(re.search(r"他|她|此人|这个人|这位", text) if has_cjk(text) else re.search(r"\b(he|she|his|her|him)\b", text))


def drop_pronouns(text: str) -> str:
    pattern = _PRONOUN if has_cjk(text) else _PRONOUN_EN
    return pattern.sub(lambda m: HOLE * len(m.group(0)), text)


_CLAUSE_END = re.compile(r"[?？。!！;；]+")
_COMMA_PRONOUN = re.compile(r"[,，]\s*(?=(他们|她们|它们|他|她|它|其|此人|这个人|这位|该|这部|这本|这首|那部)|(he|she|it|his|her|its|they|their)\b)")


def split_compound(text: str) -> tuple[str, str] | None:
    """"X的作者是谁？他还写过什么？" → the two clauses, when a later one refers back by pronoun."""
    pieces = [p for p in _CLAUSE_END.split(_COMMA_PRONOUN.sub("？", text)) if p.strip()]
    if len(pieces) < 2:
        return None
    for i in range(1, len(pieces)):
        if has_pronoun(pieces[i]) and not has_pronoun(pieces[0]):
            return "？".join(pieces[:i]), "？".join(pieces[i:])
    return None


_RELATIONSHIP = re.compile(r"(.+?)(?:和|与|跟|同)(.+?)(?:之间)?(?:是|有|存在)?(?:什么|啥|何种|哪种|怎样的|怎么样的)?的?(?:关系|联系|关联)")
_RELATIONSHIP_EN = re.compile(r"(?:relationship|relation|connection|link) between (.+?) and (.+?)[?.!]*$|how (?:is|are|was|were) (.+?) (?:and|related to|connected to) (.+?)(?: related| connected)?[?.!]*$")


def relationship_sides(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """X和Y是什么关系 / the relationship between X and Y: the character spans of X and Y."""
    match = _RELATIONSHIP.search(text) if has_cjk(text) else _RELATIONSHIP_EN.search(text)
    if not match:
        return None
    groups = [i for i in range(1, (match.re.groups or 0) + 1) if match.group(i)]
    return (match.span(groups[0]), match.span(groups[1]))


# ---------------------------------------------------------------------- needs no knowledge

_GREETING = re.compile(
    r"(你好|您好|嗨|哈喽|哈啰|早上好|晚上好|下午好|早安|晚安|谢谢你?|多谢|感谢|再见|拜拜|在吗|"
    r"hello|hi|hey|good (?:morning|evening|afternoon|night)|thanks?(?: you)?|bye|goodbye)"
    r"[啊呀呢哦吧!！。.~～,， ]*"
)
_TASK = re.compile(r"^(请|帮我|给我|替我|你能|能不能|可以)?(帮我|给我)?(写|作|编|创作|翻译|生成|画)(一|个|首|篇|段|几)")
_CHITCHAT = re.compile(
    r"你是谁|你叫什么|你的名字|你能做什么|你会做什么|你会什么|讲个笑话|说个笑话|你好吗|最近怎么样|你几岁|你多大了|你是机器人|"
    r"陪我聊|聊聊天|我好无聊|我很无聊|今天天气|天气怎么样|现在几点|今天星期几|今天几号|"
    r"who are you|what can you do|how are you|tell me a joke|what'?s your name|what time is it"
)
_ARITH_FRAME = re.compile(r"^(请问|请|计算一下|计算|算一下|算算|帮我算|what is|what's|calculate|compute|how much is)?|(等于几|等于多少|是多少|得多少|等于|是几|=|equals)?[?？。.!！ ]*$")
_ARITH = re.compile(r"[\d.\s()（）+\-*/×÷^加减乘除以上]+")
_ARITH_OP = re.compile(r"[+\-*/×÷^]|[加减乘除]")


def no_knowledge_reason(text: str) -> str | None:
    """"greeting", "arithmetic", "chitchat" for questions the KG has nothing to do with."""
    if _GREETING.fullmatch(text.strip()):
        return "greeting"
    core = _ARITH_FRAME.sub("", text.strip()).strip()
    if core and _ARITH.fullmatch(core) and _ARITH_OP.search(core) and re.search(r"\d", core):
        return "arithmetic"
    if _TASK.search(text):
        return "task"
    if len(text) <= 16 and _CHITCHAT.search(text):
        return "chitchat"
    return None


def chitchat_span(text: str) -> tuple[int, int]:
    match = _CHITCHAT.search(text)
    return match.span() if match else (0, 0)


def no_knowledge_thought(reason: str, english: bool) -> str:
    if english:
        return {"greeting": "This is a greeting; it needs no knowledge from the graph.",
                "arithmetic": "This is arithmetic; it needs no knowledge from the graph.",
                "chitchat": "This is small talk; it needs no knowledge from the graph.",
            "task": "This asks for writing, not for facts; it needs no knowledge from the graph."}[reason]
    return {"greeting": "这是一句问候，不需要查询知识图谱。",
            "arithmetic": "这是一道算术题，不需要查询知识图谱。",
            "chitchat": "这是闲聊，不需要查询知识图谱。",
            "task": "这是写作之类的请求，不是询问事实，不需要查询知识图谱。"}[reason]


def no_mention_thought(english: bool) -> str:
    if english:
        return "No entity of the knowledge graph is mentioned and the question matches no fact pattern, so it needs no knowledge from the graph."
    return "问题里没有提到知识图谱中的实体，也不像是在询问事实，因此不需要查询知识图谱。"


_GUESS = (
    re.compile(r"(?:介绍一下|介绍|简介)(.{2,20}?)(?:吧|吗)?$"),
    re.compile(r"^(?:谁|哪位)(?:写|导演|执导|演|主演|唱|演唱|创作|发明|提出|发现|创办|创立|建立)(?:了|过)?(.{2,20}?)$"),
    re.compile(r"^(.{2,20}?)的[^的]{1,10}(?:是|有|在|叫)"),
    re.compile(r"^(.{2,20}?)(?:是谁|是什么|是哪)"),
    re.compile(r"^(?:who|what|where|when) (?:is|was|are|were) (?:the \w+ of )?(.+)$"),
    re.compile(r"^(?:who|what) (?:wrote|directed|invented|founded|discovered) (.+)$"),
)


def guess_entity(text: str) -> str | None:
    """The topic of a fact question whose entity the KG does not know (its lookup will say so)."""
    core = _FRAME.sub("", text).strip()
    for pattern in _GUESS:
        match = pattern.search(core)
        if match:
            guess = match.group(1).strip(" 的")
            if len(guess) >= 2 and not is_question_word(guess):
                return guess
    return None


# ---------------------------------------------------------------------- scoring relations against text

# English question words → relation words (Chinese names of the usual KG relations, and English
# words for graphs whose relations are English). Small on purpose: the graph's own relation names
# are matched word for word as well.
_CJK_WORD = re.compile(r"[\u3400-\u9fff]")
EN_RELATION_WORDS = {
    "wrote": "作者 创作 author writer", "write": "作者 创作 author", "written": "作者 author",
    "author": "作者 author writer", "writer": "作者 author", "novel": "作品", "book": "作品 著作",
    "works": "作品 代表作品 works", "work": "作品 代表作品", "directed": "导演 director", "director": "导演 director",
    "direct": "导演 director", "starred": "主演 starring actor", "star": "主演 starring", "starring": "主演 starring",
    "actor": "主演 actor", "sang": "歌手 演唱 singer", "sings": "歌手 演唱 singer", "singer": "歌手 singer",
    "capital": "首都 capital", "born": "出生 出生地 出生日期 birth", "birthplace": "出生地 birthplace",
    "birthday": "出生日期 birthday", "birth": "出生 birth", "died": "逝世 逝世日期 death", "death": "逝世 death",
    "wife": "妻子 配偶 wife spouse", "husband": "丈夫 配偶 husband spouse", "spouse": "配偶 spouse",
    "married": "配偶 妻子 丈夫 spouse", "father": "父亲 father", "mother": "母亲 mother", "son": "儿子 子女 son",
    "daughter": "女儿 子女 daughter", "children": "子女 children", "child": "子女 child",
    "nationality": "国籍 nationality", "country": "国家 国籍 country", "located": "位置 所在地 location",
    "location": "位置 所在地 location", "population": "人口 population", "area": "面积 area",
    "founded": "创始人 成立时间 founder founded", "founder": "创始人 founder", "president": "总统 主席 president",
    "height": "身高 高度 height", "tall": "身高 高度 height", "language": "语言 language", "currency": "货币 currency",
    "genre": "类型 genre", "type": "类型 type", "publisher": "出版社 publisher", "published": "出版社 出版时间 publisher",
    "composer": "作曲 composer", "composed": "作曲 composer", "lyrics": "作词 lyricist", "lyricist": "作词 lyricist",
    "school": "毕业院校 school", "graduated": "毕业院校 alma", "university": "毕业院校 university",
    "occupation": "职业 occupation", "job": "职业 occupation", "profession": "职业 occupation",
    "company": "公司 company", "ceo": "首席执行官 ceo", "headquarters": "总部 headquarters", "headquartered": "总部 headquarters",
    "city": "城市 city", "continent": "洲 continent", "length": "长度 length", "long": "长度 length",
    "team": "球队 team", "price": "价格 price", "cost": "价格 price", "costs": "价格 price", "brand": "品牌 brand",
    "made": "制造商 品牌 manufacturer maker brand", "makes": "制造商 品牌 manufacturer brand", "make": "制造商 品牌 brand",
    "maker": "制造商 manufacturer",
    "manufacturer": "制造商 manufacturer", "released": "发行时间 上映时间 release", "release": "发行时间 release",
    "nickname": "别名 nickname", "alias": "别名 alias", "invented": "发明者 发明 inventor", "inventor": "发明者 inventor",
    "discovered": "发现者 发现 discoverer", "dynasty": "朝代 dynasty", "religion": "宗教 religion",
    "mayor": "市长 mayor", "leader": "领导人 leader", "member": "成员 member", "members": "成员 members",
    "weight": "重量 体重 weight", "weigh": "重量 体重 weight", "weighs": "重量 体重 weight", "color": "颜色 color",
    "colour": "颜色 color", "coach": "主教练 教练 coach", "manager": "主教练 manager", "stadium": "主场 stadium",
    "ground": "主场 ground", "arena": "主场 arena", "flow": "注入 流入 流经 flows", "flows": "注入 流入 流经 flows",
    "english": "英文名 外文名 english", "developed": "开发商 开发者 developer", "developer": "开发商 developer", "develops": "开发商 developer", "position": "位置 position", "league": "联盟 league", "size": "尺寸 size", "battery": "电池 battery", "screen": "屏幕 screen",
}
_ZH_TO_EN = [(word, [w for w in words.split() if not _CJK_WORD.match(w)])
             for words in EN_RELATION_WORDS.values() for word in words.split() if _CJK_WORD.match(word) and len(word) >= 2]
# A KG relation name → one English word for answers: the first Chinese word of an entry above
# whose English words say it ("首都 capital"); entries with only Chinese words name nothing.
RELATION_IN_ENGLISH: dict[str, str] = {}
for _key, _words in EN_RELATION_WORDS.items():
    _zh = [w for w in _words.split() if _CJK_WORD.match(w)]
    _en = [w for w in _words.split() if not _CJK_WORD.match(w)]
    if _zh and _en:
        RELATION_IN_ENGLISH.setdefault(_zh[0], _en[0])
# Where the question word reads badly as a noun ("the flows of 黄河"), and common names it lacks.
RELATION_IN_ENGLISH.update({
    "注入": "outflow", "发行时间": "release date", "发布日期": "release date", "上映时间": "release date",
    "主演": "lead actors", "毕业院校": "alma mater", "出生": "birth", "逝世": "death", "英文名": "English name",
    "中文名": "Chinese name", "本名": "real name", "成立时间": "founding date", "效力球队": "team",
    "所在城市": "city", "所属联赛": "league", "简称": "short name", "发源地": "source", "流经": "course",
    "总部地点": "headquarters", "官方语言": "official language", "所属国家": "country", "所在地": "location",
    "代表作品": "notable works", "所属朝代": "dynasty", "都城": "capital", "创办时间": "founding date",
})


def relation_in_english(relation: str) -> str:
    """The English word for a KG relation name, or the name itself in quotes."""
    if not has_cjk(relation):
        return relation
    return RELATION_IN_ENGLISH.get(relation) or f'"{relation}"'


_EN_WH = {"who": "person", "whom": "person", "where": "place", "when": "time", "year": "time", "date": "time",
          "many": "number", "much": "number", "old": "number"}
_EN_STOP = frozenset("the a an of is was are were did does do who whom what which where when how many much "
                     "in on at to for by and or with from as it s its his her he she they their this that "
                     "tell me about please you know can could would".split())

_EN_FRAME_WORDS = frozenset("who whom what where when which how is was are were the of did does".split())
_ASK_PERSON = re.compile(r"谁|哪位|什么人|哪个人|何人")
_ASK_PLACE = re.compile(r"哪里|哪儿|在哪|什么地方|何处|何地|哪个(国家|城市|省|地方)|哪国|位于")
_ASK_TIME = re.compile(r"什么时候|何时|哪年|哪一年|几月|哪天|哪一天|什么时间|哪个时间|年份|日期|几号")
_ASK_NUMBER = re.compile(r"多少|几|多大|多高|多重|多长|多宽|多深|多远|多久|多快")
_PERSON_CHARS = frozenset("者人手员家长师父母妻夫子女友演唱导编配")
_PLACE_CHARS = frozenset("地址处国省市县区位籍洲城")
_TIME_CHARS = frozenset("时间日期年月")
_PLACE_VALUE = re.compile(r"[省市县区国州镇村路街洲]")
_TIME_VALUE = re.compile(r"\d{3,4}|\d+\s*[年月日]|[年月日]$")
_DIGIT = re.compile(r"\d")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_RESTATING_VERB = re.compile(r"[打踢]过?球|待过|呆过|干过|混过|效力过|工作过")
_PAST = re.compile(r"以前|曾经|之前|从前|过去|早年|原来")
_PAST_PREFIX = frozenset("曾前原")
PAST_BONUS = 0.5


class Query:
    """The rest of a question, ready to score relation names against: what it asks, in which words."""

    def __init__(self, rest: str, english: bool) -> None:
        self.rest = rest
        self.past: frozenset[int] = frozenset()
        if english:
            tokens = [w for w in _LATIN_WORD.findall(rest) if w not in _EN_STOP]
            mapped = [EN_RELATION_WORDS.get(w, EN_RELATION_WORDS.get(_stem(w), "")) for w in tokens]
            # The Chinese words one English word maps to form one group: a hop that uses any of
            # them uses the English word, so "wrote" cannot justify both 作者 and 创作 hops.
            self.cjk, self._groups, self._soft = "", {}, frozenset()
            for words in mapped:
                chinese = [w for w in words.split() if has_cjk(w)]
                if chinese:
                    start = len(self.cjk) + (1 if self.cjk else 0)
                    self.cjk += (HOLE if self.cjk else "") + HOLE.join(chinese)
                    group = frozenset(range(start, len(self.cjk)))
                    self._groups.update(dict.fromkeys(group, group))
            self.latin = [_stem(w) for w in tokens] + [_stem(x) for words in mapped for x in words.split() if not has_cjk(x)]
            kinds = {_EN_WH[w] for w in _LATIN_WORD.findall(rest) if w in _EN_WH}
            self.asks = "number" if "number" in kinds else next(iter(sorted(kinds)), "")
        else:
            self.cjk, self._groups = rest, {}
            self.past = frozenset(i for m in _PAST.finditer(rest) for i in range(m.start(), m.end()))
            # "哪些电影" / "哪部小说": the noun names the answer's kind, not a relation; it counts little.
            self._soft = frozenset(i for m in _KIND_NOUN.finditer(rest) for i in range(m.start(1), m.end(1)))
            # "在哪些球队踢过球": the closing verb phrase restates the relation; it counts little.
            self._soft |= frozenset(i for m in _RESTATING_VERB.finditer(rest) for i in range(m.start(), m.end()))
            # A Chinese question over a graph with English relation names (价格 → price).
            self.latin = [_stem(w) for w in _LATIN_WORD.findall(rest)] + [
                _stem(word) for chinese, english in _ZH_TO_EN if chinese in rest for word in english]
            latin, mixed_asks = _LATIN_WORD.findall(rest.casefold()), ""
            if any(w in _EN_FRAME_WORDS for w in latin):
                # "Who is the author of 三体?": an English sentence around a Chinese name; its
                # relation words are read through the English table, after the question's text.
                for word in latin:
                    mapped = EN_RELATION_WORDS.get(word) or EN_RELATION_WORDS.get(_stem(word), "")
                    chinese = [w for w in mapped.split() if has_cjk(w)]
                    if chinese:
                        start = len(self.cjk) + 1
                        self.cjk += HOLE + HOLE.join(chinese)
                        group = frozenset(range(start, len(self.cjk)))  # one English word, one piece of evidence
                        self._groups.update(dict.fromkeys(group, group))
                kinds = {_EN_WH[w] for w in latin if w in _EN_WH}
                mixed_asks = "number" if "number" in kinds else next(iter(sorted(kinds)), "")
            self.asks = ("person" if _ASK_PERSON.search(rest) else "place" if _ASK_PLACE.search(rest)
                         else "time" if _ASK_TIME.search(rest) else "number" if _ASK_NUMBER.search(rest) else "")
            self.asks = self.asks or mixed_asks
        # 还/其他 (others) and 同一/相同 (the same): where they stand decides whether the question
        # asks for other things sharing the last hop's end ("X的作者还写过什么"), or only says
        # "in addition" ("他还有什么代表作品", "X的代表作品还有哪些").
        self._english = english
        self._others = [(m.start(), m.group(0)) for m in _OTHERS.finditer(rest)]
        self.content = any(ch not in FUNCTION_CHARS and ch != HOLE and not ch.isspace() for ch in self.cjk) or bool(self.latin)

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
            noun = next(g for g in match.groups() if g)
            start = match.start(1) if match.group(1) else match.start(2)
            for length in range(len(noun), min(2, len(noun)) - 1, -1):
                head = noun[:length]
                if any(head in name for name in names):
                    break  # 哪些著作 where the results have a 著作 edge: that edge is asked
                generic = match.group(1) and head in _GENERIC_KINDS  # 哪些书: a kind whatever the results
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
        # "在哪些球队打过球": a closing verb phrase restating the relation asks no further hop.
        for match in _RESTATING_VERB.finditer(self.cjk):
            soft.update(range(match.start(), match.end()))
        return sum(1 for i, ch in enumerate(self.cjk) if i > after and i not in used and i not in typed and ch not in FUNCTION_CHARS
                   and ch.isalnum() and i not in soft and not _ASK_CHARS.search(ch))

    def support(self, relation: str, used: frozenset[int], synonyms: Sequence[str]) -> tuple[float, frozenset[int]]:
        """How much of the question the relation explains (≈ content characters matched) and where."""
        best, where = 0.0, frozenset()
        for rank, word in enumerate([relation, *synonyms]):
            if has_cjk(word):
                score, positions = _overlap(word, self.cjk, used, self._soft, synonym=rank > 0)
            else:
                score, positions = self._latin_overlap(word, used)
            if rank:
                score *= 0.9  # a synonym is a little weaker evidence than the graph's own name
            if self._groups:
                score = min(score, 2.0)  # one English word is one piece of evidence, however it maps
            if score > best:
                best, where = score, positions
        if best >= 1.0 and relation[:1] in _PAST_PREFIX and len(relation) >= 3 and self.past - used:
            # "小皇帝以前在哪些球队打过球": 以前 asks for the former relation (曾效力球队), not the current one.
            best, where = best + PAST_BONUS, where | (self.past - used)
        if self._groups and where:
            where = where.union(*(self._groups.get(p, ()) for p in where))
        return best, where

    def _latin_overlap(self, word: str, used: frozenset[int]) -> tuple[float, frozenset[int]]:
        parts = [_stem(p) for p in _LATIN_WORD.findall(word.casefold()) if p not in _EN_STOP]
        if not parts:
            return 0.0, frozenset()
        positions = set()
        for part in parts:
            for i, token in enumerate(self.latin):
                if token == part and (10_000 + i) not in used:
                    positions.add(10_000 + i)
                    break
        matched = len(positions)
        return (2.0 * matched - 0.3 * (len(parts) - matched) if matched else 0.0), frozenset(positions)

    def answer_type_bonus(self, relation: str, values: tuple[str, ...]) -> float:
        """谁/哪里/哪年/多少 favour relations and values of the asked kind: a tie-breaker only."""
        if not self.asks:
            return 0.0
        sample = values[:5]
        if self.asks == "person":
            hit = any(ch in _PERSON_CHARS for ch in relation)
        elif self.asks == "place":
            hit = any(ch in _PLACE_CHARS for ch in relation) or any(_PLACE_VALUE.search(v) for v in sample)
        elif self.asks == "time":
            hit = any(ch in _TIME_CHARS for ch in relation) or any(_TIME_VALUE.search(v) for v in sample)
        else:
            hit = any(_DIGIT.search(v) for v in sample)
        return 0.5 if hit else 0.0


_OTHERS = re.compile(r"还(?!是)|其他|其它|别的|另外|同一|相同|同样|一样|\belse\b|\bother\b|\bsame\b")
_SAME_WORDS = frozenset(("同一", "相同", "同样", "一样"))
# A kind noun after 哪些/什么/哪部, or closing the question (…的小说, …的电影有哪些).
_TYPED_NOUN = re.compile(r"(?:哪些|哪几[部本首个位]?|哪[部本首])([^的是有在吗呢?？□]{1,4})|"
                         r"的([^的是有在吗呢?？□]{1,3})(?=(?:有哪些|是哪些|有什么|都有|吗|呢)?[?？。]*$)")
_GENERIC_KINDS = frozenset("小说 电影 电视剧 书 书籍 著作 剧 影片 片子 歌 歌曲 游戏 动画 节目 专辑 文章 诗 诗歌".split())
_ASK_CHARS = re.compile(r"[时候年天里地方怎为如何]")
_KIND_NOUN = re.compile(r"(?:哪些|哪几[部本首个位]?|哪[部本首])([^的是有在吗呢?？□]{1,4})")


def _overlap(
    word: str, text: str, used: frozenset[int], soft: frozenset[int] = frozenset(), synonym: bool = False
) -> tuple[float, frozenset[int]]:
    """Characters of `word` found in `text` (content ones count 1, particles 0.2), a bonus for each
    bigram found whole, a small cost for each content character missing."""
    score = 0.0
    positions: set[int] = set()
    content_matched = 0.0
    seen: set[str] = set()
    for ch in word:
        weight = 0.2 if ch in FUNCTION_CHARS else 1.0
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
            score += min(weight, 0.4) if index in soft else weight
        else:
            score -= 0.12 * weight
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
            score += 0.5
    return score, frozenset(positions)
