"""The prompt files, shipped as package data so that an installed wheel finds them.

Prompts are `string.Template` files (`$question`): the planning prompt's JSON braces would break
`str.format`. The planning prompt keeps upstream CuteGPT's structure and wording (the model was
tuned on it); the seed page's rendering lost full-width colons and `+=`, restored here.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template

LANGUAGES = ("zh", "en")


@cache
def load_prompt(name: str, lang: str = "zh") -> Template:
    """`load_prompt("plan", "en")` reads `prompts/plan_en.txt`."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown prompt language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    text = resources.files(__name__).joinpath(f"{name}_{lang}.txt").read_text(encoding="utf-8")
    return Template(text)


def render(name: str, lang: str = "zh", **values: str) -> str:
    return load_prompt(name, lang).substitute(values)


def plan_request(question: str, lang: str = "zh", feedback: str | None = None) -> str:
    """The planning prompt as the model's query, the one text training and inference both send.

    rstrip: the files' final newline would put a blank line before the template's 答：, and a model
    fine-tuned on `…。\\n\\n答：` is then asked `…。\\n答：` (one token apart).
    """
    text = render("plan", lang, question=question).rstrip()
    if feedback is not None:
        text = render("plan_feedback", lang, plan_prompt=text, feedback=feedback).rstrip()
    return text


def answer_request(question: str, knowledge: str, lang: str = "zh") -> str:
    """The answer prompt as the model's query (see `plan_request` for the rstrip)."""
    return render("answer", lang, knowledge=knowledge, question=question).rstrip()
