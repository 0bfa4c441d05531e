"""Values the KG stores as text, as numbers a plan can compare: dates and quantities.

`value_of` is written in the few constructs the sandbox allows (no imports, no regex, no names
starting with "_"), because the plan's own code carries it: codegen copies its source into
`search()`, so the trace shows how a comparison was decided. Tests call it here directly.
"""

from __future__ import annotations

import inspect


def value_of(text):
    """A date as yyyymmdd (1970年3月5日 → 19700305, 2001-04-01 → 20010401, 公元前221年 →
    -2210000, 1998年11月 → 19981100, a bare 1995 → 19950000), a duration in minutes (2小时30分钟 → 150), or a quantity in
    base units (约1.2万平方千米 → 12000000000, 1.85米 → 1.85, 185cm → 1.85, 3.5亿 → 350000000);
    None when the text holds no number."""
    text = str(text)
    numbers, digits = [], ''
    for ch in text + ' ':
        if ch.isdigit() or (ch == '.' and digits and '.' not in digits):
            digits += ch
        elif digits:
            numbers.append(float(digits.rstrip('.')))
            digits = ''
    if not numbers:
        return None
    bare_year = len(text.strip()) == 4 and text.strip().isdigit()  # "1995", as English KGs write a year
    if '年' in text or bare_year or (text.count('-') == 2 and numbers[0] >= 100 and len(numbers) == 3):
        parts = numbers[:3] + [0, 0]
        year = -parts[0] if '前' in text else parts[0]
        return year * 10000 + parts[1] * 100 + parts[2]
    if '小时' in text or '分钟' in text:
        hours = numbers[0] if '小时' in text else 0
        minutes = numbers[1] if '小时' in text and len(numbers) > 1 else (numbers[0] if '小时' not in text else 0)
        return hours * 60 + minutes
    value = numbers[0]
    if '亿' in text:
        value = value * 100000000
    elif '万' in text:
        value = value * 10000
    for unit, factor in (('平方千米', 1e6), ('平方公里', 1e6), ('千米', 1e3), ('公里', 1e3), ('km', 1e3),
                         ('厘米', 0.01), ('cm', 0.01), ('毫米', 0.001), ('mm', 0.001)):
        if unit in text:
            return value * factor
    return value


def is_date(text: str) -> bool:
    """Whether value_of reads the text as a date (1970年3月5日, 1921年, 2001-04-01, 1995)."""
    bare_year = len(text.strip()) == 4 and text.strip().isdigit()
    return "年" in text or bare_year or (text.count("-") == 2 and text.replace("-", "").strip().isdigit())


VALUE_OF_SOURCE = inspect.getsource(value_of)
"""The function as the plan's code writes it, inside search()."""
