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
