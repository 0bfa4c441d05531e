"""The shape of a question, before any KG is read: framing words, introductions, pronouns,
compound clauses, choices, relationship sides, kinship words, and questions needing no knowledge.

The patterns are about Chinese and English question phrasing, never about a particular KG; their
word lists live in data/words.tsv and data/kinship.tsv.
"""

from __future__ import annotations

import re

from agent.offline import english
from agent.offline.text import HOLE, has_cjk
from agent.offline.words import WORDS, alternation

FUNCTION_CHARS = WORDS.function_chars

_FRAME = re.compile(
    r"(有没有人|有谁|有人|谁|你们?|大家|我想|我很|我)?(知道|了解|清楚|好奇)|请问一下|请问|想问一下|想问|问一下|告诉我|"
    r"麻烦|能不能|可不可以|可以|能否|一下|呢|吗|啊|呀|吧|哦|嘛|[?？!！。,，.、:：;；~～]"
)
_INTRO = re.compile(
    # "某城是个什么样的城市", "某厂是一家什么公司": a classifier or 什么样 before the closing kind
    # noun makes it a description of X, not a relation named by the noun.
    r"是?(?:一?[个家部种本首位座款所只条门项])(?:什么样?|怎样|怎么样)的?[\u4e00-\u9fff]{0,4}(?=□*$)|"
    r"是?(?:什么样|怎样|怎么样)的[\u4e00-\u9fff]{0,4}(?=□*$)|"
    r"介绍|简介|简单|资料|信息|情况|基本|详细|百科|是什么人|是什么东西|什么人|什么东西|是谁|谁是|是什么|什么是|是哪位|哪位是|"
    r"关于|讲讲|说说|聊聊|给我|一下|介绍下|是个|是一个|这[本部首个家位座条只件款所][\u4e00-\u9fff]{0,3}$|这[本部首个家位座条只件款所]"
)
_INTRO_KINDS = re.compile(alternation(WORDS.intro_kinds))
_INTRO_EN = re.compile(r"\b(tell|me|about|who|what|is|was|are|were|introduce|describe|information|info|on|the|a|an|please|some|give|do|you|know|s)\b|['’?!.,]")
_PRONOUN = re.compile(rf"{alternation(WORDS.pronouns)}|(?:这|那|该)(?:[部本首个位家座所张])?(?:{alternation(WORDS.kind_words)})?")
_PRONOUN_EN = re.compile(rf"\b({alternation(WORDS.pronouns_en)})\b")
_PERSON = re.compile(alternation(WORDS.person_pronouns))
_PERSON_EN = re.compile(rf"\b({alternation(WORDS.person_pronouns_en)})\b")
_KINSHIP = re.compile(alternation([w for w in WORDS.kinship if has_cjk(w)]))
_KINSHIP_EN = re.compile(rf"\b({alternation([w for w in WORDS.kinship if not has_cjk(w)])})\b")
_PARENT = re.compile(r"(?:他|她|老|(?<=的))(?:爸爸|爸|爹|妈妈|妈)")  # colloquial parents: 小明他爸, 他老妈
# A relation phrase stops at grammar, not at every particle: 儿子 and 女儿 keep their 儿.
_PHRASE_STOPS = "".join(sorted(FUNCTION_CHARS - set("儿子")))
_RELATION_PHRASE = re.compile(rf"^的?([^□叫{_PHRASE_STOPS}?？!！。,，、\s]{{2,8}})")
_NAME_QUESTION = re.compile(alternation(WORDS.name_questions))
_CHOICE = re.compile(r"(?:是|在)?([^是在的，,?？]{1,8})还是([^是的，,?？]{1,8}?)(?:了|呢|啊|呀|吗)*[?？]*$")
_CLAUSE_END = re.compile(r"[?？。!！;；]+")
_COMMA_PRONOUN = re.compile(r"[,，]\s*(?=(他们|她们|它们|他|她|它|其|此人|这个人|这位|该|这部|这本|这首|那部)|(he|she|it|his|her|its|they|their)\b)")
_RELATIONSHIP = re.compile(r"(.+?)(?:和|与|跟|同)(.+?)(?:之间)?(?:是|有|存在)?(?:什么|啥|何种|哪种|怎样的|怎么样的)?的?(?:关系|联系|关联)")
_RELATIONSHIP_EN = re.compile(r"(?:relationship|relation|connection|link) between (.+?) and (.+?)[?.!]*$|how (?:is|are|was|were) (.+?) (?:and|related to|connected to) (.+?)(?: related| connected)?[?.!]*$")
_PRECEDES_QUESTION_CHAR = frozenset("哪几多每什啥")
_ASKS_OTHERS = re.compile(r"还(?!是)|其他|其它|别的|另外|\b(?:else|other|others|also)\b")


def rest_of(text: str, start: int, end: int) -> str:
    """The question without the mention and without its framing (你知道…吗, 请问), holes kept."""
    rest = text[:start] + HOLE * (end - start) + text[end:]
    if not has_cjk(text):
        return rest
    rest = _FRAME.sub(lambda m: HOLE * len(m.group(0)), rest)
    # The classifier of 几所/多少位 counts things; it names no relation (所 is not 所属国家).
    return _COUNTED.sub(lambda m: m.group(1) + HOLE, rest)


def strip_frame(text: str) -> str:
    """The text without its framing words (请问, 你知道…吗) and punctuation."""
    return _FRAME.sub("", text) if has_cjk(text) else text.strip()


def glued(text: str, start: int, end: int) -> str:
    """Whether text[start:end] is part of a longer word: "before", "after" or "both" when a content
    character touches it there (沪深, 鄂尔多斯, 某某铁塔), "" when it stands alone."""
    sides = [side for side, ch in (("before", text[start - 1: start]), ("after", text[end: end + 1]))
             if ch and ch.isalnum() and ch not in FUNCTION_CHARS]
    return "both" if len(sides) == 2 else sides[0] if sides else ""


def is_question_word(surface: str) -> bool:
    """Question words and framing (什么, 请问, 我知道) that some graphs also have as names."""
    return surface in WORDS.question_words or bool(_FRAME.fullmatch(surface))


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


def spell_kinship(rest: str, start: int, known) -> str:
    """The rest of the question with colloquial parent words as 父亲/母亲 and, after `start`, each
    kinship word the entity lacks (`known(word)` is False) as its chain of parent/child words —
    anywhere in an English question (the grandsons of X: the sons of the sons of X)."""
    head, tail = rest[:start], rest[start:]
    tail = _PARENT.sub(lambda m: "父亲" if m.group(0)[-1] in "爸爹" else "母亲", tail)
    tail = _KINSHIP.sub(lambda m: m.group(0) if known(m.group(0)) else WORDS.kinship[m.group(0)], tail)
    if not has_cjk(rest):  # English names the kin before the mention too: the grandsons of X
        return _KINSHIP_EN.sub(lambda m: m.group(0) if known(m.group(0)) else WORDS.kinship[m.group(0)], head + tail)
    return head + tail


def asks_name(text: str) -> bool:
    """叫什么名字 / 叫什么 / 叫啥 somewhere in the text."""
    return bool(_NAME_QUESTION.search(text))


def drop_name_question(rest: str, end: int) -> str:
    """"莫言的妻子叫什么名字": 叫什么名字 asks for the answer's name, no relation — unless nothing
    else is asked after the mention ("X叫什么名字", "大家都管X叫什么名字" keep 名字)."""
    dropped = _NAME_QUESTION.sub(lambda m: HOLE * len(m.group(0)), rest)
    return dropped if any(ch not in FUNCTION_CHARS and ch != HOLE and ch.isalnum() for ch in dropped[end:]) else rest


def relation_phrase(rest: str, end: int, lang: str) -> list[str]:
    """The words naming what is asked right after the mention ("金庸的妻子是谁" → 妻子; "Jin Yong's
    wife" → wife and what it maps to), for a lookup that lets the KG say it has no such relation."""
    if lang == "en":
        for token in (w for w in english.LATIN_WORD.findall(rest.casefold()) if w not in WORDS.en_stop):
            mapped = english.relation_words(token)
            if mapped:
                return list(dict.fromkeys([token, *mapped]))
        return []
    match = _RELATION_PHRASE.match(rest[end:])
    if not match:
        return []
    phrase = match.group(1)
    if len(phrase) < 2 or is_question_word(phrase) or not any(ch not in FUNCTION_CHARS for ch in phrase):
        return []
    return [phrase]


# The question word decides the answer's kind; a date word first: 出生在哪一年 asks a year, not a place.
ASK = {kind: re.compile(alternation(WORDS.ask[kind])) for kind in ("time", "person", "place", "number")}
TIME_RELATION_ENDINGS = ("日期", "时间")


def time_relation(rest: str) -> list[str]:
    """哪一年/什么时候/哪天 + a verb ("什么时候出生的" → 出生日期, 出生时间): the date relation asked,
    named so that a KG without it says so; [] when no time is asked or no verb is left."""
    return _asked_relation(rest, "time", TIME_RELATION_ENDINGS)


PLACE_RELATION_ENDINGS = ("地", "地点")


def place_relation(rest: str) -> list[str]:
    """哪里/在哪 + a verb ("出生在哪里" → 出生地, 出生地点): the candidate place relations asked (the
    caller keeps those its lexicon knows), so that a KG holding only the date (出生日期) says it has no
    such place; [] when no place is asked."""
    return [] if ASK["time"].search(rest) else _asked_relation(rest, "place", PLACE_RELATION_ENDINGS)


_EDGE_PARTICLES = "的是了在于呢吗啊呀吧被由从里儿"


def _asked_relation(rest: str, kind: str, endings: tuple[str, ...]) -> list[str]:
    """The verb the question word of `kind` leaves (one to four characters), with each ending."""
    if not ASK[kind].search(rest):
        return []
    # particles at the edges only: 去 of 去世 is a function character elsewhere (去过), not here
    core = "".join(ch for ch in ASK[kind].sub("", strip_frame(rest)) if has_cjk(ch)).strip(_EDGE_PARTICLES)
    if not 1 <= len(core) <= 4 or all(ch in FUNCTION_CHARS for ch in core):
        return []
    return [core + ending for ending in endings]


_CONTENT_RUN = re.compile(r"[^□\s?？!！。,，、:：;；]+")
_VAGUE = re.compile(r"什么|哪|谁|几|多少|怎|啥|干|做")
_ASKING_EDGES = re.compile(r"^(?:谁是|是谁|是什么|什么是|是哪|哪个是|的|现在|目前|如今)+|"
                           r"(?:是谁|是什么|是哪个|是哪位|[是在]哪里|[是在]哪儿|在哪|叫什么|有哪些|是)+$")


def content_phrase(rest: str) -> list[str]:
    """The longest run of words the question still says around the cut-out mention, without the
    question words at its edges ("谁是□□第一位皇帝" → 第一位皇帝); [] when nothing is left."""
    runs = [_ASKING_EDGES.sub("", run) for run in _CONTENT_RUN.findall(strip_frame(rest))]
    # A vague phrase ("拍过什么电影", "是做什么的") is left to the entry; a definite one is asked.
    runs = [run for run in runs if has_cjk(run) and sum(1 for ch in run if ch not in FUNCTION_CHARS) >= 2
            and not _VAGUE.search(run) and not is_question_word(run)]
    return [max(runs, key=len)] if runs else []


def choice_spans(text: str) -> list[tuple[int, int]]:
    """"妈咪是连载中还是已完结": the options of a choice question are answers, never its topic."""
    match = _CHOICE.search(text)
    return [match.span(1), match.span(2)] if match else []


def asks_for_others(text: str) -> bool:
    """还/其他/别的/else/other/also: the answer leaves out what the question started from."""
    return bool(_ASKS_OTHERS.search(text))


_COMPARE = {d: re.compile(alternation(w)) for d, w in WORDS.compare.items()}
_MOST = {d: re.compile(alternation(w)) for d, w in WORDS.most.items()}
# 哪几个 asks which ones and 举几个 asks for a few: neither is a number.
_COUNT = re.compile(rf"{alternation(WORDS.count_words)}|(?<![哪举])(?:几|多少)[{WORDS.count_classifiers}]")
_COUNTED = re.compile(rf"((?<![哪举])(?:几|多少))([{''.join(sorted(set(WORDS.count_classifiers) - set(WORDS.quantity_classifiers)))}])")
_BOTH = re.compile(alternation(WORDS.both_words))
PAIR_WORD = re.compile(r"和|与|跟|同|还是|比|又|\band\b|\bor\b|\bthan\b|\bbefore\b|\bafter\b|,")


def superlative(text: str) -> str:
    """最早/最大/the largest…: the direction a set is ranked in ("earlier", "later", "more", "less"), or ""."""
    found = [(m.start(), d) for d, pattern in _MOST.items() for m in [pattern.search(text)] if m]
    return min(found)[1] if found else ""


def superlative_word(text: str) -> str:
    """The question's own superlative when an answer can say it back (最高, tallest), else ""."""
    found = sorted((m.start(), m.group(0)) for pattern in _MOST.values() for m in [pattern.search(text)] if m)
    word = found[0][1] if found else ""
    return word if re.fullmatch(r"最[\u4e00-\u9fff]{1,2}|[a-z]+est", word) else ""


def comparison(text: str) -> str:
    """更早/更大/older/larger…: the direction two things are compared in, or "" (superlatives excluded).
    A bare adjective closing a 哪/谁 question counts too (哪个容量大, 哪家卖得多, 哪栋楼高)."""
    if superlative(text):
        return ""
    found = [(m.start(), d) for d, pattern in _COMPARE.items() for m in [pattern.search(text)] if m]
    if found:
        return min(found)[1]
    bare = _BARE_ADJECTIVE.search(text)
    return _THAN_DIRECTION[bare.group(1)] if bare else ""


_THAN = re.compile(rf"比[^，,?？比]{{1,24}}?(?:还要|还|更|要)?({alternation([w for ws in WORDS.than.values() for w in ws])})"
                   r"(?:一些|一点|得多)?(?:吗|么|嘛)[?？]*$")
_THAN_DIRECTION = {w: d for d, ws in WORDS.than.items() for w in ws}
_BARE_ADJECTIVE = re.compile(rf"(?:哪|谁)[^，,。？?!！哪谁]{{0,12}}?({alternation([w for ws in WORDS.than.values() for w in ws])})"
                             r"(?:一些|一点|些)?(?:呢|啊|呀)?[?？]*$")
_YES_NO_EN = re.compile(r"^(?:is|was|are|were|does|did|do|has|have)\b.*\b(?:than|before|after)\b")


def yes_no_comparison(text: str) -> str:
    """"A比B还早吗" / "is A older than B": the direction the question claims the first is more of,
    or "" when it asks no yes/no comparison."""
    match = _THAN.search(text)
    if match:  # "比B年纪大吗": a comparing phrase (年纪大 = earlier) before the bare adjective (大)
        return comparison(text[match.start():]) or _THAN_DIRECTION[match.group(1)]
    return comparison(text) if _YES_NO_EN.search(text.strip()) else ""  # also around Chinese names


def asks_count(text: str) -> bool:
    """几部/多少个/一共有几/how many: the answer is a number of things."""
    return bool(_COUNT.search(text))


def asks_both(text: str) -> bool:
    """共同/一起/都/both/together: what two things have in common."""
    return bool(_BOTH.search(text))


def has_conjunction(text: str) -> bool:
    """和/与/及/、/and between two things asked (X的作词和作曲)."""
    return bool(re.search(r"和|与|及|、|\band\b", text))


def has_pronoun(text: str) -> bool:
    return bool(_PRONOUN.search(text) if has_cjk(text) else _PRONOUN_EN.search(text))


def refers_to_person(text: str) -> bool:
    """他/她/he/she (a person) rather than 它/这部/it (a thing)."""
    return bool(_PERSON.search(text) if has_cjk(text) else _PERSON_EN.search(text))


def drop_pronouns(text: str) -> str:
    pattern = _PRONOUN if has_cjk(text) else _PRONOUN_EN
    return pattern.sub(lambda m: HOLE * len(m.group(0)), text)


def split_compound(text: str) -> tuple[str, str] | None:
    """"X的作者是谁？他还写过什么？" → the two clauses, when a later one refers back by pronoun."""
    pieces = [p for p in _CLAUSE_END.split(_COMMA_PRONOUN.sub("？", text)) if p.strip()]
    if len(pieces) < 2:
        return None
    for i in range(1, len(pieces)):
        if has_pronoun(pieces[i]) and not has_pronoun(pieces[0]):
            return "？".join(pieces[:i]), "？".join(pieces[i:])
    return None


def _could_ask_relationship(text: str) -> bool:
    """_RELATIONSHIP matches exactly when a connector (not first) comes two or more characters
    before a relation word; checked in linear time, so the search itself only runs when it succeeds."""
    connectors = [i for i in (text.find(c, 1) for c in "和与跟同") if i > 0]
    last_word = max(text.rfind(w) for w in ("关系", "联系", "关联"))
    return bool(connectors) and min(connectors) + 2 <= last_word


def relationship_sides(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """X和Y是什么关系 / the relationship between X and Y: the character spans of X and Y."""
    if has_cjk(text) and not _could_ask_relationship(text):
        return None  # a failed search would retry from every start: quadratic in the text's length
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
ARITHMETIC_FRAME = re.compile(r"^(请问|请|计算一下|计算|算一下|算算|帮我算|what is|what's|calculate|compute|how much is)?|(等于几|等于多少|是多少|得多少|等于|是几|=|equals)?[?？。.!！ ]*$")
_ARITH = re.compile(r"[\d.\s()（）+\-*/×÷^加减乘除以上]+")
_ARITH_OP = re.compile(r"[+\-*/×÷^]|[加减乘除]")
CHITCHAT_MAX = 16  # small-talk words in a longer question are part of a real question
_GUESS = (
    re.compile(r"(?:介绍一下|介绍|简介)(.{2,20}?)(?:吧|吗)?$"),
    re.compile(r"^(?:谁|哪位)(?:写|导演|执导|演|主演|唱|演唱|创作|发明|提出|发现|创办|创立|建立)(?:了|过)?(.{2,20}?)$"),
    re.compile(r"^(.{1,20}?)的[^的]{1,10}(?:是|有|在|叫)"),
    re.compile(r"^(.{2,20}?)(?:是谁|是什么|是哪)"),
    # "某城有多少常住人口", "某球员效力过哪些球队": the name before the question's first verb or question word.
    re.compile(r"^([\u4e00-\u9fffA-Za-z0-9·]{2,20}?)(?<!等于)(?:一般|通常|大约|大概|现在|目前|总共|一共)?"
               r"(?:有多|有几|多少|几|哪|什么|谁|效力|属于|位于|出生|来自|有没有)"),
    re.compile(r"^(?:who|what|where|when) (?:is|was|are|were) (?:the \w+ of )?(.+)$"),
    re.compile(r"^(?:who|what) (?:wrote|directed|invented|founded|discovered) (.+)$"),
)


def no_knowledge_reason(text: str) -> str | None:
    """"greeting", "arithmetic", "task" or "chitchat" for questions the KG has nothing to do with."""
    if _GREETING.fullmatch(text.strip()):
        return "greeting"
    core = ARITHMETIC_FRAME.sub("", text.strip()).strip()
    if core and _ARITH.fullmatch(core) and _ARITH_OP.search(core) and re.search(r"\d", core):
        return "arithmetic"
    if _TASK.search(text):
        return "task"
    if len(text) <= CHITCHAT_MAX and _CHITCHAT.search(text):
        return "chitchat"
    return None


def chitchat_span(text: str) -> tuple[int, int]:
    match = _CHITCHAT.search(text)
    return match.span() if match else (0, 0)


def guess_entity(text: str) -> str | None:
    """The topic of a fact question whose entity the KG does not know (its lookup will say so)."""
    core = _FRAME.sub("", text).strip()
    for pattern in _GUESS:
        match = pattern.search(core)
        if match:
            guess = match.group(1).strip(" 的")
            # One character only before 的 ("某元素的原子序数是多少"): elsewhere it is some word's.
            if (len(guess) >= 2 or core[len(guess):len(guess) + 1] == "的") and guess and not is_question_word(guess):
                return guess
    return None
