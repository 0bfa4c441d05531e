"""English question phrasing for `scoring.Query`: which words of an English question count as one
piece of evidence (a wh-word and its noun, a noun and its verb, a compound), which word a sameness
word points at, which nouns only name what a clause reaches, and the kind of answer asked."""

from __future__ import annotations

from collections.abc import Sequence

from agent.offline import english
from agent.offline.text import HOLE, has_cjk
from agent.offline.words import WORDS

SAMENESS_BEFORE = frozenset("share shares shared same co also".split())  # the relation word follows
SAMENESS_AFTER = frozenset(("together", "common"))  # the relation word comes before: "directed films together", "a director in common"
SHARED_WORDS = frozenset("same share shares shared common".split())  # only the others sharing an end answer these
# "who starred with X", "who else was in a film with X", "X's bandmates": people sharing the first hop's end
CO_WORDS = frozenset("with alongside together else other others fellow co".split())
BACK_WINDOW = 3  # words looked at beside a sameness word


def back_words(words: list[str], tokens: list[str], mapped: list[list[str]]) -> list[str]:
    """Stems of the relation words a sameness word points at: the nearest mapped word after
    share/same/co/also (or, failing that, before: "appeared in the same movie"), before together."""
    found: list[str] = []
    index = {w: i for i, w in enumerate(tokens)}
    for position, word in enumerate(words):
        after = words[position + 1: position + 1 + BACK_WINDOW]
        before = list(reversed(words[max(0, position - BACK_WINDOW): position]))
        if word in SAMENESS_BEFORE:
            sides = after + before
        elif word in SAMENESS_AFTER:
            sides = before
        else:
            continue
        for other in sides:
            if other in index:  # the nearest content word ("share a record label": record, label's own stems too)
                found += [english.stem(other)] + [english.stem(w) for w in mapped[index[other]] if not has_cjk(w)]
                if mapped[index[other]]:
                    break
    return found


WH = frozenset("which what who whom".split())
DO_WORDS = frozenset("did does do".split())  # "Whom did X beat": the wh-word is the object
_LEAD_PREPOSITIONS = frozenset("in at for from with by on of to".split())
_AUXILIARIES = frozenset("has have had did does do was were is are that which who the".split())
_ARTICLES = frozenset("the a an".split())


def one_phrase(rest: str, tokens: list[str], mapped: list[list[str]]) -> list[int]:
    """Token index → the index of the word it belongs with. One relation is named by "starred
    which actors", "released in which years" (a verb, a wh-word, its noun) and by two words side by
    side that mean the same relation ("languages spoken", "release years", "composed the music"), or
    that no lexicon row knows ("record labels"), and by a wh-noun and the closing word meaning the
    same ("which universities … attend"): they count as one word."""
    owner = list(range(len(tokens)))
    words = list(english.LATIN_WORD.finditer(rest))
    index, position = {}, 0
    for number, match in enumerate(words):
        if position < len(tokens) and match.group(0) == tokens[position]:
            index[number] = position
            position += 1
    for number, match in enumerate(words):
        if number not in index:
            continue
        between = []
        for later in range(number + 1, len(words)):
            if later in index:
                first, second = index[number], index[later]
                apart = HOLE in rest[match.end():words[later].start()]
                # "composed the music": an article between two words of one relation keeps them one.
                together = all(w in _ARTICLES for w in between) and set(mapped[first]) & set(mapped[second])
                # …but "shows starring the cast of X": a noun owning the name by "of" is a hop of its own
                together = together and not _owns_name(rest, words, later)
                # "record labels": two plain nouns side by side (neither a lexicon word) name one thing;
                # so does a plain word before a lexicon noun ("home arenas").
                together = together or not between and not mapped[first] and (not mapped[second] or _noun(tokens[second]))
                if not apart and (any(w in WH for w in between) or together):
                    owner[second] = owner[first]
                break
            between.append(words[later].group(0))
    # A noun and its verb naming one relation count once: the wh-noun and the closing verb ("which
    # universities did X attend", "in which cities …"), the wh-noun and the verb after it ("which
    # networks aired …"), a noun before the name and the verb after it ("the teams X played for").
    listed = sorted(index.items())
    lead = 2 if len(words) > 2 and words[0].group(0) in _LEAD_PREPOSITIONS else 1
    pairs = []
    if len(listed) >= 2 and len(words) > lead and words[lead - 1].group(0) in WH and listed[0][0] == lead:
        pairs += [(listed[0][1], listed[1][1]), (listed[0][1], listed[-1][1])]
    for (number, token), (later, next_token) in zip(listed, listed[1:]):
        gap = rest[words[number].end():words[later].start()]
        if HOLE in gap and all(w in _AUXILIARIES for w in english.LATIN_WORD.findall(gap)):
            pairs.append((token, next_token))
    for first, second in pairs:
        # One word stands for the other ("attend" for a university, "aired" for a network).
        own = [english.stem(tokens[i]) for i in (first, second)]
        meant = [{english.stem(w) for w in mapped[i] if not has_cjk(w)} for i in (first, second)]
        if owner[second] == second and (own[0] == own[1] or own[0] in meant[1] or own[1] in meant[0]):
            owner[second] = owner[first]
    return owner


def _owns_name(rest: str, words: list, n: int) -> bool:
    """words[n] is followed by "of" and the name: "the cast of X"."""
    return n + 1 < len(words) and words[n + 1].group(0) == "of" and rest[words[n + 1].end():].lstrip().startswith(HOLE)


def clause_follows(rest: str, words: list, n: int) -> bool:
    """A relative clause after words[n]: "that …", a participle with its agent ("owned by"), or
    the name right after the noun, its verb next ("the shows X starred in")."""
    after = [m.group(0) for m in words[n + 1: n + 3]]
    if after[:1] == ["that"] or (len(after) == 2 and after[1] == "by" and after[0].endswith(("ed", "en"))):
        return True
    gap = rest[words[n].end(): words[n + 1].start()] if n + 1 < len(words) else ""
    return bool(gap.strip()) and not gap.replace(HOLE, "").strip() and after[:1] != ["s"]  # not "X's"


def _noun(word: str) -> bool:
    """A plural noun, roughly: "arenas", "labels" (not "was", "class", "its")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def asked_kind(latin_words: Sequence[str]) -> str:
    # "which books came out the same year as X": a word after same/share names the end shared, not what is asked
    kinds = {WORDS.en_wh.get(w) or WORDS.en_wh[english.stem(w)] for n, w in enumerate(latin_words)
             if (w in WORDS.en_wh or english.stem(w) in WORDS.en_wh) and not (n and latin_words[n - 1] in SHARED_WORDS)}
    return "number" if "number" in kinds else next(iter(sorted(kinds)), "")
