"""Untrusted planner text → a checked `Plan`.

Models answer the planning prompt with JSON-ish text, not JSON. What CuteGPT really emits (the
replies in its README's 规划 section) and what `parse_plan` recovers:

- single-quoted keys and values, trailing commas, prose around the object, a ```json fence;
- raw newlines and tabs inside the code string (JSON forbids both);
- several objects in one reply: the first that yields a usable plan wins;
- `need_knowledge` as 是/否/yes/no/true/false (a plan that says "no" but carries code keeps it);
- code whose indentation was lost (every line flush left after `def search():`): the block
  structure is rebuilt from Python's tokenizer and the result is accepted only if it compiles;
- code in a ```python fence, or as a list of lines, or with its newlines escaped twice.

Anything else raises `PlanParseError`, whose message is one sentence meant as retry feedback.

The text is untrusted and parsed in the host, so every step is bounded: the reply's length, the
objects tried, what json_repair sees (it is slow on some hostile text), the code compiled; the
patterns are linear; deep nesting is a `PlanParseError`, never a `RecursionError`.
"""

from __future__ import annotations

import ast
import io
import json
import re
import textwrap
import tokenize
import warnings

import json_repair

from agent.types import Plan
from kg.base import KG_FUNCTIONS

__all__ = ["PlanParseError", "parse_plan", "repair_code"]

MAX_REPLY_CHARS = 200_000  # far above any plan; bounds the repair work on runaway generations
MAX_CODE_CHARS = 20_000  # the sandbox's default max_code_chars: longer code is refused before compiling
MAX_REINDENT_CHARS = 4_000  # Python's tokenizer is quadratic on some hostile lines; flat plans are short
MAX_OBJECTS = 32  # `{...}` spans tried; a reply is one object, perhaps after a few examples
# json_repair takes seconds on some text (deep unclosed braces; runs of brackets, quotes and keys:
# up to ~120 µs a character): it sees only shallow objects, and a few thousand characters in all.
MAX_REPAIR_NESTING = 32
MAX_REPAIR_CHARS = 3_000


class PlanParseError(ValueError):
    """The planner's text holds no usable plan; the message says why, for a retry prompt."""


_YES = {"是", "是的", "需要", "要", "对", "yes", "y", "true", "t", "1"}
_NO = {"否", "不", "不是", "不需要", "无需", "不要", "no", "n", "false", "f", "0", "none", "null"}
_KEY_ALIASES = {  # keys compared lower-cased, without spaces, '_' or '-'
    "needknowledge": "need_knowledge", "needkg": "need_knowledge", "需要知识": "need_knowledge",
    "是否需要知识": "need_knowledge", "thought": "thought", "thoughts": "thought",
    "thinking": "thought", "思考": "thought", "想法": "thought", "code": "code", "代码": "code",
}
_KEY_RE = re.compile(
    r"""(?:^|(?<=[{,\s]))["'“]?"""
    r"""(need[ _-]?knowledge|thoughts?|code|需要知识|思考|想法|代码)["'”]?\s*[:：]""",
    re.IGNORECASE | re.MULTILINE,
)
_FENCE_RE = re.compile(r"```[ \t]*(?:python|py|json)?[ \t]*\n?(.*?)(?:```|\Z)", re.DOTALL | re.IGNORECASE)
_DEDENTING = {"return", "break", "continue", "raise", "pass"}
_CONTINUES = {"elif": {"if", "elif"}, "else": {"if", "elif", "try", "except"},
              "except": {"try", "except"}, "finally": {"try", "except", "else"}}
_LOOP_ELSE = {"for", "while"}  # `else` after a loop: only when no `if` or `try` can take it
_GAPS = re.compile(r"[ \t\f]+")


def parse_plan(text: str) -> Plan:
    """Recover the first usable plan from a model's reply, or raise `PlanParseError`."""
    if not isinstance(text, str) or not text.strip():
        raise PlanParseError(
            "The reply is empty; answer with one JSON object holding need_knowledge, thought and code."
        )
    if len(text) > MAX_REPLY_CHARS:
        raise PlanParseError(f"The reply has {len(text)} characters; a plan is one short JSON object.")
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    first_error: PlanParseError | None = None
    try:
        for fields in _candidate_fields(text):
            try:
                return _plan_from_fields(fields, text)
            except PlanParseError as error:
                first_error = first_error or error
    except (RecursionError, MemoryError):
        raise PlanParseError("The reply is nested too deeply to read; answer with one flat JSON object.") from None
    if first_error is not None:
        raise first_error
    raise PlanParseError("No JSON object with need_knowledge, thought and code was found in the reply.")


# ---------------------------------------------------------------- finding the fields

def _candidate_fields(text: str):
    """Field dicts worth trying, best guesses first: each object strictly, repaired, by keys."""
    repair_chars = MAX_REPAIR_CHARS
    for segment, nesting in _object_segments(text):
        for decode in (_strict_json, _repaired_json, _fields_by_key, _raw_fields_by_key):
            if decode is _repaired_json:
                if nesting > MAX_REPAIR_NESTING or len(segment) > repair_chars:
                    continue
                repair_chars -= len(segment)
            fields = decode(segment)
            if fields:
                yield fields
    fields = _fields_by_key(text)  # no braces at all: "need_knowledge: 是\ncode: ```python ...```"
    if fields:
        yield fields
    code = _fenced_code(text)
    if code:
        yield {"code": code}


def _object_segments(text: str) -> list[tuple[str, int]]:
    """Top-level `{...}` spans with their deepest brace nesting, scanning quotes of both kinds; an
    unclosed one runs to the end. At most MAX_OBJECTS of them: the scan stops there."""
    segments, start = [], text.find("{")
    while start != -1 and len(segments) < MAX_OBJECTS:
        end, nesting = _matching_brace(text, start)
        if end is None:
            segments.append((text[start:], nesting))
            break
        segments.append((text[start : end + 1], nesting))
        start = text.find("{", end + 1)
    return segments


def _matching_brace(text: str, start: int) -> tuple[int | None, int]:
    """(index of the brace closing the one at `start` or None, the deepest nesting on the way)."""
    depth, deepest, quote, i = 0, 0, None, start
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i, deepest
        i += 1
    return None, deepest


def _strict_json(segment: str) -> dict | None:
    try:
        value = json.loads(segment, strict=False)  # strict=False: raw newlines/tabs in strings
    except (ValueError, RecursionError):  # RecursionError: `[[[[...` a few thousand deep
        return None
    return _normalise_keys(value)


def _repaired_json(segment: str) -> dict | None:
    try:
        value = json_repair.loads(segment)
    except Exception:  # json_repair raises assorted errors on hopeless input
        return None
    return _normalise_keys(value)


def _raw_fields_by_key(text: str) -> dict | None:
    """As `_fields_by_key`, keeping escapes as written: code typed raw means '\\n' for Python."""
    return _fields_by_key(text, unescape=False)


def _fields_by_key(text: str, unescape: bool = True) -> dict | None:
    """Cut values between known keys: survives unescaped quotes that defeat any JSON repair."""
    matches = list(_KEY_RE.finditer(text))
    fields: dict = {}
    for match, following in zip(matches, matches[1:] + [None]):
        key = _KEY_ALIASES.get(_key_name(match.group(1)))
        if key is None or key in fields:
            continue
        raw = text[match.end() : following.start() if following else len(text)].strip()
        raw = _strip_closing(raw) if following is None else raw.rstrip().rstrip(",")
        fields[key] = _unquote(raw, unescape)
    return fields if ("need_knowledge" in fields or "code" in fields) else None


# What `\s` matches in a str pattern (every c with c.isspace()), and the comma.
_SPACES_AND_COMMAS = ",\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _strip_closing(raw: str) -> str:
    r"""The last value without the object's end: trailing spaces and commas, one `}`, spaces and
    commas again. Not a regex: `[\s,]*\}?[\s,]*$` backtracks cubically on a run of spaces."""
    kept = raw.rstrip(_SPACES_AND_COMMAS)
    if kept.endswith("}"):
        kept = kept[:-1].rstrip(_SPACES_AND_COMMAS)
    return kept


def _key_name(key: str) -> str:
    return re.sub(r"[\s_-]", "", key.lower())


def _unquote(raw: str, unescape: bool = True) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        inner = raw[1:-1]
        if not unescape:
            return inner
        try:
            return json.loads('"' + re.sub(r'(?<!\\)"', r'\\"', inner) + '"', strict=False)
        except ValueError:
            return inner
    return raw


def _normalise_keys(value) -> dict | None:
    if isinstance(value, list):  # several objects repaired into a list: take the first dict
        value = next((item for item in value if isinstance(item, dict)), None)
    if not isinstance(value, dict):
        return None
    fields = {}
    for key, item in value.items():
        name = _KEY_ALIASES.get(_key_name(str(key)))
        if name and name not in fields:
            fields[name] = item
    return fields if ("need_knowledge" in fields or "code" in fields) else None


def _fenced_code(text: str) -> str | None:
    for block in _FENCE_RE.findall(text):
        if "def " in block or "(" in block:
            return block
    return None


# ---------------------------------------------------------------- building the plan

def _plan_from_fields(fields: dict, text: str) -> Plan:
    code_text = _code_text(fields.get("code"))
    if not code_text and "code" not in fields:
        code_text = _fenced_code(text)  # JSON without code, code in a fence after it
    need = _need_knowledge(fields.get("need_knowledge"), has_code=bool(code_text))
    thought = fields.get("thought")
    if not isinstance(thought, str):
        thought = "" if thought is None else json.dumps(thought, ensure_ascii=False)
    if not code_text:
        if need:
            raise PlanParseError(
                'need_knowledge is "是" but the "code" field is empty; write def search() that calls the KG functions.'
            )
        return Plan(need_knowledge=False, thought=thought.strip(), code=None)
    try:
        if len(code_text) > MAX_CODE_CHARS:
            raise PlanParseError(f'The "code" field has {len(code_text)} characters; a plan is a short program.')
        code = repair_code(code_text)
        if not _does_something(code):
            raise PlanParseError(
                f'The "code" field defines no function and calls none; write def search() that calls '
                f'{", ".join(KG_FUNCTIONS)}.'
            )
        others = _functions_but_no_search(code)
        if others:  # def other(): … — nothing runs it, and no KG call was made: not "found nothing"
            raise PlanParseError(f'The "code" field defines {others}() but no search(), and calls nothing; name the function search.')
    except PlanParseError:
        if not need:  # the plan needs no knowledge: drop broken code rather than fail the answer
            return Plan(need_knowledge=False, thought=thought.strip(), code=None)
        raise
    return Plan(need_knowledge=need, thought=thought.strip(), code=code)


def _does_something(code: str) -> bool:
    """A bare literal such as `42` compiles but is no plan; whether the KG is used is the sandbox's to see."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings quote the model's code onto the user's stderr
        tree = ast.parse(code)
    return any(isinstance(node, (ast.Call, ast.FunctionDef)) for node in ast.walk(tree))


def _functions_but_no_search(code: str) -> str:
    """The first function the code defines when none is search() and nothing outside them calls
    anything (the sandbox would run no code at all); "" otherwise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = ast.parse(code)
    functions = [stmt.name for stmt in tree.body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not functions or "search" in functions:
        return ""
    top = [stmt for stmt in tree.body if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return "" if any(isinstance(node, ast.Call) for stmt in top for node in ast.walk(stmt)) else functions[0]


def _need_knowledge(value, *, has_code: bool) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        if has_code:
            return True
        raise PlanParseError('The "need_knowledge" field is missing; it must be "是" or "否".')
    word = str(value).strip().strip("\"'“”。.!！<>《》 ").lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise PlanParseError(f'The "need_knowledge" field must be "是" or "否", not {str(value)[:40]!r}.')


def _code_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = "\n".join(str(line) for line in value)
    if not isinstance(value, str):
        raise PlanParseError(f'The "code" field must be a string of Python code, not {type(value).__name__}.')
    value = value.strip()
    if value.lower() in {"", "none", "null", "无", "''", '""'}:
        return None
    if value.startswith("```"):
        value = _FENCE_RE.match(value).group(1)
    return value


def repair_code(code: str) -> str:
    """Normalise tabs, undo double escaping, rebuild lost indentation; return code that compiles."""
    code = code.replace("\r\n", "\n").strip("\n")
    if "\n" not in code and "\\n" in code:  # newlines escaped twice: "def search():\\n\\t..."
        code = code.replace("\\n", "\n").replace("\\t", "\t")
    code = textwrap.dedent("\n".join(_expand_leading_tabs(line.rstrip()) for line in code.split("\n")))
    error = _compile_error(code)
    if error is None:
        return code + "\n"
    attempts = [_reindent(code) if len(code) <= MAX_REINDENT_CHARS else None]
    if "outside function" in error:  # a bare body: wrap it in the function the prompt asks for
        attempts.append("def search():\n" + textwrap.indent(code, "    "))
    for attempt in attempts:
        if attempt is not None and _compile_error(attempt) is None:
            return attempt + "\n"
    raise PlanParseError(f'The "code" field is not valid Python ({error}).')


def _expand_leading_tabs(line: str) -> str:
    body = line.lstrip(" \t")
    return line[: len(line) - len(body)].expandtabs(4) + body


def _compile_error(code: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings quote the model's code onto the user's stderr
            compile(code, "<plan>", "exec")
    except SyntaxError as error:
        return f"line {error.lineno}: {error.msg}"
    except (ValueError, MemoryError, RecursionError) as error:
        return f"{type(error).__name__}: {error}"
    return None


def _reindent(code: str) -> str | None:
    """Rebuild block structure for code whose lines all start at column 0 (or lost their levels).

    Python's tokenizer finds the logical lines and the headers ending with ':'. A header opens a
    block one level deeper; `return`/`break`/`continue`/`raise`/`pass` close the block they end;
    `elif`/`else`/`except`/`finally` go back to their opener (the block just closed first); a `def`
    starts at the top, and so does a call of the function just defined (inside its own body it
    would only recurse); a function's last `return` belongs to its body.
    """
    lines = [line.strip() for line in code.split("\n")]
    # Only the rows of the tokens matter here, so runs of spaces and tabs may shrink to one: after
    # an error token the pure-Python tokenizer retries at every character of a run (quadratic).
    structure = "\n".join(_GAPS.sub(" ", line) for line in lines) + "\n"
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(structure).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    statements, current = [], []
    for token in tokens:
        if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            if current:
                statements.append(current)
            current = []
        elif token.type not in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            current.append(token)

    function = ""  # name of the def the statement is in: defs always start at the top here
    levels: dict[int, int] = {}
    stack: list[tuple[int, str]] = []  # open blocks: (header level, keyword)
    closed: tuple[int, str] | None = None  # the block a dedenting statement just ended
    level = 0
    for index, statement in enumerate(statements):
        first = statement[0].string
        following = statements[index + 1] if index + 1 < len(statements) else None
        if first in ("def", "class", "async", "@"):
            stack, level = [], 0
            function = statement[1].string if first == "def" and len(statement) > 1 else ""
        elif first in _CONTINUES:
            opener = _find_opener(first, closed, stack)
            if opener is None:
                return None
            level = opener[0]
        elif first != "return" and _calls(statement, function):
            stack, level, function = [], 0, ""
        elif first == "return" and function and _ends_function(following, function):
            stack, level = [], 1
        closed = None
        levels[statement[0].start[0]] = level
        if statement[-1].string == ":":
            stack.append((level, first))
            level += 1
        elif first in _DEDENTING and stack:
            closed = stack.pop()
            level = closed[0]
    out, level = [], 0
    for row, line in enumerate(lines, start=1):
        level = levels.get(row, level)  # continuation lines keep their statement's level
        out.append("    " * level + line if line else "")
    return "\n".join(out)


def _find_opener(keyword: str, closed, stack: list) -> tuple[int, str] | None:
    """The block an `elif`/`else`/`except`/`finally` continues; pops the stack down to it."""
    for kinds in (_CONTINUES[keyword], _LOOP_ELSE if keyword == "else" else ()):
        if closed is not None and closed[1] in kinds:
            return closed
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][1] in kinds:
                opener = stack[depth]
                del stack[depth:]
                return opener
    return None


def _calls(statement, function: str) -> bool:
    return bool(function) and any(
        token.string == function and after.string == "(" for token, after in zip(statement, statement[1:])
    )


def _ends_function(following, function: str) -> bool:
    if following is None or following[0].string in ("def", "class", "async", "@"):
        return True
    return following[0].string != "return" and _calls(following, function)
