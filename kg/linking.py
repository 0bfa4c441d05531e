"""Entity and relation linking shared by every KG backend: pure functions, no graph inside.

A backend keeps its own indexes; these functions decide what a surface form *means*: its
normalised key, its disambiguation suffix, the relation names a requested relation may be written
as in the graph (synonyms) and the relations that answer it from the other side (inverses).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

# Relations whose objects are other names of their subject. They stay ordinary facts as well.
ALIAS_RELATIONS = frozenset(
    "别名 又名 本名 原名 简称 全称 别称 昵称 绰号 外号 艺名 笔名 曾用名 小名 乳名 俗名 学名 字 号 "
    "外文名 外文名称 英文名 英文名称 英语名 中文名 中文名称 中文学名 拉丁学名 其他名称 译名 "
    "原版名称 中文译名 名称 姓名 全名 正式名称 官方名称 alias aliases name label altLabel prefLabel "
    "common.topic.alias also_known_as alsoKnownAs nickname nicknames other_names otherNames".split()
)

# Quotes and book-title marks a model adds or drops at will are removed; middle dots seen in
# transliterated names are unified (列夫•托尔斯泰 == 列夫·托尔斯泰). The one folding table of the
# project: the KG's lookup keys and the offline planner's mention index both go through `normalise`.
_MARKS = "《》〈〉<>“”‘’\"'「」『』【】`"
_DOTS = {c: "·" for c in "•・‧∙⋅･"}
_TABLE = str.maketrans({**{c: None for c in _MARKS + " \t\r\n\f\v"}, **_DOTS})
_TABLE_KEEP_SPACES = str.maketrans({**{c: None for c in _MARKS}, **_DOTS})
# str.translate looks every character up in a dict (~0.5 µs for a short Chinese name): a regex scan
# for the characters it changes decides first whether it is needed at all.
_FOLDED = re.compile("[" + re.escape(_MARKS + "".join(_DOTS)) + r"\s]")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"([A-Za-z])['’]s(?=[\s.,!?;:]|$)")
# A trailing disambiguation: 活着（电影）, X (film). Checked after NFKC, so brackets are half width.
# The name ends with a non-space: `(.+?)\s*` would let both parts take every space (and \x1c-\x1f)
# of a run in turn, quadratic on a mention with a long one.
_SUFFIX = re.compile(r"^(.*?\S)\s*\(([^()]+)\)$")
# Separators inside one alias value such as "小A、小B".
_ALIAS_SPLIT = re.compile(r"[、，,;；/|]")


def normalise(text: str, *, words: bool = False, possessive: bool = True) -> str:
    """The lookup key of a surface form: NFKC (full→half width), case-folded, no quotes or spaces.

    `words=True` keeps single spaces, so English words stay words (the mention index matches whole
    words), and splits an English possessive off (Jay Chou's wife → jay chou s wife) unless
    `possessive=False` (McDonald's → mcdonalds)."""
    text = unicodedata.normalize("NFKC", text)
    if not words:
        return (text.translate(_TABLE) if _FOLDED.search(text) else text).casefold()
    if possessive:
        text = _POSSESSIVE.sub(r"\1 s", text)
    return _SPACES.sub(" ", text.translate(_TABLE_KEEP_SPACES)).strip().casefold()


@functools.lru_cache(maxsize=1 << 16)  # node names and their suffixes are folded again and again
def fold(text: str, possessive: bool = True) -> str:
    """The matching key of question text and of every surface form a mention index holds:
    `normalise`, keeping single spaces so English words stay words."""
    return normalise(text, words=True, possessive=possessive)


@functools.cache
def _converter():
    import opencc  # a C++ converter: loaded on the first Chinese text

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters as simplified ones (三體的作者是誰 → 三体的作者是谁), with OpenCC's
    phrase tables; text without Chinese comes back as it is."""
    return _converter().convert(text) if _CJK.search(text) else text


_CJK = re.compile(r"[\u3400-\u9fff]")
_NESTED_SUFFIX = re.compile(r"^(.+?)\s*\((?:[^()]|\([^()]*\))*\)$")
_INNER_NOTE = re.compile(r"\([^()]*\)")
_LEGAL_FORM = re.compile(r"(?<=..)(股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)$")
_MEANINGFUL = re.compile(r"[\w\u3400-\u9fff]")


def mention_keys(surface: str) -> list[str]:
    """The keys a surface form is found by in a question: folded, plus forms people type — without
    a nested disambiguation (郑多彬（韩国女演员（2000年出生）） → 郑多彬), without an organisation's
    legal form and inner notes, without the middle dot, in simplified characters."""
    key = fold(surface)
    if not key or not _MEANINGFUL.search(key):
        return []  # "？" or "·" alone is a node of some graphs, never a mention
    keys = [key, fold(surface, possessive=False)]  # McDonald's: "mcdonald s" and "mcdonalds"
    nested = _NESTED_SUFFIX.match(key)
    if nested:
        keys.append(nested.group(1).strip())
    # 中国香港(地区)商会 → 中国香港商会; 贵州盐业(集团)有限责任公司 → 贵州盐业
    inner = _INNER_NOTE.sub("", keys[-1])
    keys += [inner, _LEGAL_FORM.sub("", inner)]
    keys += [k.replace("·", "") for k in keys if "·" in k and len(k) > 3]
    keys += [simplified(k) for k in keys]  # questions are folded to simplified characters: names too
    return [k for k in dict.fromkeys(keys) if len(k) >= 2 or k == key]


_ADMIN_SUFFIX = re.compile(r"(?<=..)(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)$")


_ORG_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:股份有限公司|有限责任公司|有限公司|控股集团|汽车集团|集团|公司|控股|汽车)$")
# A collective name under a country's or an era's head: 中国四大书院 → 四大书院, 宋代五大名窑 → 五大名窑.
_QUALIFIER_HEAD = re.compile(r"^(?:中国|中华|世界|全国|全球|古代|(?:秦|汉|晋|隋|唐|宋|元|明|清|西汉|东汉|北宋|南宋)[代朝])(?=[\u4e00-\u9fff]{3})")
_YEAR_HEAD = re.compile(r"^(1[0-9]{3}|20[0-9]{2}) [a-z]")  # an event named by its year: 1998 fifa world cup
_EN_HEAD = re.compile(r"(?<=[a-z]{3}) (?:international airport|airport|airlines|air lines|airways|university|"
                      r"f1 team|racing|football club|fc|inc|ltd|corporation)$")
_EN_PERSON = re.compile(r"(?!(?:The|A|An) )[A-Z][a-z'-]+(?: (?:[A-Z][a-z'-]+|van|von|de|da|del|der|di|le|la|du)){1,3}")
"""A person's name as an English KG writes it (Garry Kasparov, Ludwig van Beethoven): the last word
is the surname a question names them by. Capitalised words only: "block cipher" is no one."""


def short_name_keys(surface: str) -> list[str]:
    """Weaker keys, found only after every name's own keys: a transliterated name's trailing parts
    (约翰·塞巴斯蒂安·巴赫 → 塞巴斯蒂安·巴赫, 巴赫; 列奥纳多·达·芬奇 → 达·芬奇, 达芬奇, 芬奇), the way
    people name a foreigner by surname), a region without its administrative suffix (广东省 →
    广东), a company without its 集团/公司/汽车 (大众汽车集团 → 大众), an English name without its
    generic head (Haneda Airport → Haneda), an English event by its year (2009 Formula One season
    → 2009), a collective name without its country or era (中国四大书院 → 四大书院). Two characters or more; a bracketed note is dropped first."""
    key = fold(strip_suffix(surface))
    parts = [p for p in re.split(r"[·・•‧]", key) if p]
    keys = []
    for count in range(len(parts) - 1, 0, -1):
        tail = parts[-count:]
        keys += ["·".join(tail), "".join(tail)]
    keys.append(_ADMIN_SUFFIX.sub("", key))  # 广东省 → 广东, 新疆维吾尔自治区 → 新疆
    keys.append(_ORG_SUFFIX.sub("", key))  # 大众汽车集团 → 大众, 某某科技有限公司 → 某某科技
    keys.append(_EN_HEAD.sub("", key))  # haneda airport → haneda, china eastern airlines → china eastern
    keys.append(_QUALIFIER_HEAD.sub("", key))  # 中国四大书院 → 四大书院 (three characters or more left)
    year = _YEAR_HEAD.match(key)
    if year:
        keys.append(year.group(1))  # 2009 formula one season → 2009: "the 2009 constructors' champion"
    keys = [k for k in keys if k != key]
    keys += [simplified(k) for k in keys]
    return [k for k in dict.fromkeys(keys) if len(k) >= 2 and _MEANINGFUL.search(k)]


def surname_keys(surface: str) -> list[str]:
    """The weakest key: an English person's surname (Garry Kasparov → kasparov, Ludwig van
    Beethoven → beethoven), for "Kasparov's trainers". Indexed only where no name or alias of any
    entity is spelled so (the film Trumbo stays Trumbo, not Dalton Trumbo)."""
    plain = strip_suffix(surface).strip()
    last = plain.rsplit(" ", 1)[-1]
    return [fold(last)] if _EN_PERSON.fullmatch(plain) and len(last) >= 4 else []


def strip_suffix(text: str) -> str:
    """`刘晓华（广东工业大学教授）` → `刘晓华`; text without a suffix comes back unchanged.

    Works on raw or normalised text (full- or half-width brackets)."""
    match = _SUFFIX.match(unicodedata.normalize("NFKC", text).strip())
    return match.group(1).strip() if match else text


def suffix_of(text: str) -> str:
    """The disambiguation inside the trailing brackets, or ''."""
    match = _SUFFIX.match(unicodedata.normalize("NFKC", text).strip())
    return match.group(2).strip() if match else ""


def split_alias_value(value: str) -> list[str]:
    """An alias value and, when it lists several names ("小A、小B"), each of them."""
    parts = [p.strip() for p in _ALIAS_SPLIT.split(value) if p.strip()]
    return [value] + [p for p in parts if p != value] if len(parts) > 1 else [value]


MAX_ALIAS_CHARS = 200  # a longer "name" is no mention but hostile input: fuzzy matching is O(length)


def as_aliases(value: object, limit: int = 200) -> list[str]:
    """Arguments as models write them → a de-duplicated list of non-empty strings.

    None, "", [] → []; "三体" → ["三体"]; ["三体", "三体"] → ["三体"]; nested lists are flattened
    one level (a path result passed on); numbers become strings; anything else, and any text over
    MAX_ALIAS_CHARS, is ignored."""
    if type(value) is list and len(value) == 1 and type(value[0]) is str:  # the usual call, ~1 µs saved
        text = value[0].strip()
        return [text] if text and limit > 0 and len(text) <= MAX_ALIAS_CHARS else []
    if value is None:
        return []
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    items: Iterable[object] = [value] if isinstance(value, (str, int, float)) else value  # type: ignore[assignment]
    if not isinstance(items, Iterable) or isinstance(items, dict):
        return []
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        for sub in item if isinstance(item, (list, tuple)) else (item,):
            if isinstance(sub, bool) or not isinstance(sub, (str, int, float)):
                continue
            text = str(sub).strip()
            if text and len(text) <= MAX_ALIAS_CHARS and text not in seen:
                seen.add(text)
                out.append(text)
                if len(out) >= limit:
                    return out
    return out


# --------------------------------------------------------------------------- relation lexicon


@dataclass
class RelationLexicon:
    """Synonym groups and inverse pairs read from kg/data/*.tsv (see kg/data/README.md)."""

    synonyms: dict[str, list[str]] = field(default_factory=dict)  # word → other words, in file order
    inverses: dict[str, list[str]] = field(default_factory=dict)  # relation → relations answering it from the object side

    def __post_init__(self) -> None:
        # Normalised keys too ("CEO" finds "ceo"), added once so a lookup is one dict hit.
        for table in (self.synonyms, self.inverses):
            for word, values in list(table.items()):
                table.setdefault(normalise(word), values)

    def expand(self, relation: str) -> list[str]:
        """Synonyms of a relation name (not including itself)."""
        words = self.synonyms.get(relation)
        if words is None:
            words = self.synonyms.get(normalise(relation), ())
        return [w for w in words if w != relation]

    def inverse(self, relation: str) -> list[str]:
        words = self.inverses.get(relation)
        return list(words if words is not None else self.inverses.get(normalise(relation), ()))


def _data_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield number, [cell.strip() for cell in line.split("\t") if cell.strip()]


def parse_synonyms(text: str) -> dict[str, list[str]]:
    """One group per line, tab-separated; every word of a group is a synonym of the others. A
    line with one word raises ValueError (probably spaces where a TAB was meant)."""
    table: dict[str, list[str]] = {}
    for number, group in _data_lines(text):
        if len(group) < 2:
            raise ValueError(f"relation synonyms, line {number}: a group needs two TAB-separated words, got {group[0]!r}")
        for word in group:
            bucket = table.setdefault(word, [])
            bucket.extend(w for w in group if w != word and w not in bucket)
    return table


def parse_inverses(text: str) -> dict[str, list[str]]:
    """`R<TAB>I1<TAB>I2…`: X's R are the subjects whose I1/I2 is X — and, read back, Y's Ik are
    the subjects whose R is Y. Symmetric relations are written `配偶<TAB>配偶`. A line with one
    word raises ValueError (probably spaces where a TAB was meant)."""
    table: dict[str, list[str]] = {}
    for number, row in _data_lines(text):
        if len(row) < 2:
            raise ValueError(f"inverse relations, line {number}: expected 'relation<TAB>inverse…', got {row[0]!r}")
        head, rest = row[0], row[1:]
        for word, inverse in [(head, r) for r in rest] + [(r, head) for r in rest]:
            bucket = table.setdefault(word, [])
            if inverse not in bucket:
                bucket.append(inverse)
    return table


def load_lexicon(
    synonyms_path: str | Path | None = None, inverses_path: str | Path | None = None
) -> RelationLexicon:
    """The bundled lexicons, or the given files instead."""

    def read(path: str | Path | None, name: str) -> str:
        if path is not None:
            return Path(path).read_text(encoding="utf-8")
        return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")

    return RelationLexicon(
        synonyms=parse_synonyms(read(synonyms_path, "relation_synonyms.tsv")),
        inverses=parse_inverses(read(inverses_path, "inverse_relations.tsv")),
    )


@functools.cache
def default_lexicon() -> RelationLexicon:
    """The bundled lexicon, read once per process."""
    return load_lexicon()


# --------------------------------------------------------------------------- fuzzy scoring

RELATION_FUZZY_CUTOFF = 60.0


def relation_score(requested: str, candidate: str) -> float:
    """0–100: how well a graph relation name fits a requested one.

    Edit-distance ratio, raised when one name contains the other (课程 ⊂ 主讲课程), which ratio
    alone under-rates for short Chinese words."""
    a, b = normalise(requested), normalise(candidate)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    score = fuzz.ratio(a, b)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short in long_:
        score = max(score, 80.0 if len(short) >= 2 else 62.0)
    return score


def best_relations(requested: Sequence[str], candidates: Iterable[str], cutoff: float = RELATION_FUZZY_CUTOFF) -> list[tuple[str, str, float]]:
    """(requested, candidate, score) above the cutoff, best first; ties keep the requested order."""
    scored = []
    cands = list(candidates)
    for i, req in enumerate(requested):
        for cand in cands:
            score = relation_score(req, cand)
            if score >= cutoff:
                scored.append((-score, i, req, cand))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [(req, cand, -neg) for neg, _, req, cand in scored]


def entity_fuzzy_cutoff(key: str) -> float:
    """Short names allow one wrong character (刘慈新 → 刘慈欣 scores 66.7); long ones need more."""
    return 66.0 if len(key) <= 4 else 75.0


def fuzzy_keys(key: str, choices: Sequence[str], limit: int = 5) -> list[tuple[str, float]]:
    """The normalised keys closest to `key`, best first (rapidfuzz, C speed over all choices)."""
    hits = process.extract(key, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=entity_fuzzy_cutoff(key))
    return [(choice, score) for choice, score, _ in hits]


# --------------------------------------------------------------------------- relation matching

SURE, GUESS = 0, 1  # a literal, synonym or inverse match is sure; a fuzzy one a guess


class Match(NamedTuple):
    """How a requested relation was answered for one entity (a NamedTuple: made on every call,
    and a frozen dataclass's __init__ costs a microsecond)."""

    strength: int  # SURE or GUESS
    requested: str  # the word the caller asked for
    relation: str  # the relation name in the graph
    direction: str  # "out": the entity is the subject; "in": it is the object
    via: str  # "literal", "synonym", "inverse" or "fuzzy"
    values: Sequence[str]


@dataclass(frozen=True, slots=True)
class RelationPlan:
    """The names to try for one call, computed once and reused for every candidate entity."""

    literal: list[str]
    synonyms: list[tuple[str, str]]  # (graph word, requested word)
    inverses: list[tuple[str, str]]
    incoming: list[str]  # asked as ^R: only edges R pointing at the entity

    @classmethod
    def build(
        cls, relations: Sequence[str], lexicon: RelationLexicon, spellings: Mapping[str, list[str]] | None = None
    ) -> RelationPlan:
        """`spellings` maps a normalised relation key to the graph's names with that key, so
        "ＣＥＯ" or "《作者》" count as literal when the graph says "CEO" or "作者". A relation
        written `^R` (SPARQL's inverse path) asks for the incoming R edges only: the way to reach
        who beat X when X also beat others (R both ways on one entity)."""
        # (a graph whose relation is itself named "^作者" is asked for that one, literally)
        named = {req for req in relations if req.startswith("^") and spellings and req in spellings.get(normalise(req), ())}
        incoming = [req[1:].strip() for req in relations if req.startswith("^") and req[1:].strip() and req not in named]
        relations = [req for req in relations if not req.startswith("^") or req in named]
        if spellings:
            incoming += [name for req in incoming for name in spellings.get(normalise(req), ()) if name not in incoming]
        literal = list(relations)
        if spellings:
            for req in relations:
                literal += [name for name in spellings.get(normalise(req), ()) if name not in literal]
        synonyms: dict[str, str] = {}
        for req in relations:
            for word in lexicon.expand(req):
                if word not in literal:
                    synonyms.setdefault(word, req)
        inverses: dict[str, str] = {}
        for word, req in [(r, r) for r in literal] + list(synonyms.items()):
            for inv in lexicon.inverse(word):
                inverses.setdefault(inv, req)
        return cls(literal, list(synonyms.items()), list(inverses.items()), incoming)


def match_relation(out: Mapping[str, Sequence[str]], inn: Mapping[str, Sequence[str]], plan: RelationPlan) -> Match | None:
    """The best answer to `plan` from one entity's edges, in this order: the literal relation
    outgoing, a synonym outgoing, the literal relation incoming (刘慈欣 is the 作者 of …), an
    inverse relation incoming (作品 ← 作者), a synonym incoming, then fuzzy out, fuzzy in. A
    relation asked as ^R comes first, and only incoming."""
    for r in plan.incoming:
        if r in inn:
            return Match(SURE, r, r, "in", "literal", inn[r])
    for r in plan.literal:
        if r in out:
            return Match(SURE, r, r, "out", "literal", out[r])
    for r, req in plan.synonyms:
        if r in out:
            return Match(SURE, req, r, "out", "synonym", out[r])
    for r in plan.literal:
        if r in inn:
            return Match(SURE, r, r, "in", "literal", inn[r])
    for r, req in plan.inverses:
        if r in inn:
            return Match(SURE, req, r, "in", "inverse", inn[r])
    for r, req in plan.synonyms:
        if r in inn:
            return Match(SURE, req, r, "in", "synonym", inn[r])
    for direction, edges in (("out", out), ("in", inn)):
        hits = best_relations(plan.literal, edges)
        if hits:
            req, r, _ = hits[0]
            return Match(GUESS, req, r, direction, "fuzzy", edges[r])
    return None

