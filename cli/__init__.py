"""The `agent` command line: the top of the layers (kg, prompts ← llm ← agent ← training ← cli).

Every command is declared here and only here prints; library code raises named errors, which
`cli.errors.user_errors` turns into one line on stderr and exit code 2.
"""

import os as _os

_SIZES = {"COLUMNS": (20, 1000), "LINES": (5, 1000)}
for _name, (_low, _high) in _SIZES.items():
    # COLUMNS=0 (an empty-width terminal some CI runners and `script` report) made rich print nothing
    # at all, not even the error line: a size that is no positive number is ignored. One outside
    # what a terminal can be is brought inside: at COLUMNS=1 rich dropped every Chinese character
    # (each is two columns wide), at 99999999 `--help` laid out its tables for minutes.
    if _name in _os.environ:
        _value = _os.environ[_name].strip()
        # (isdecimal, not isdigit: int("²") fails; a long run of digits is huge, and int() of 5,000 of them fails too)
        _number = (int(_value) if len(_value) <= 12 else _high) if _value.isdecimal() else 0
        if _number > 0:
            _os.environ[_name] = str(min(max(_number, _low), _high))
        else:
            del _os.environ[_name]
