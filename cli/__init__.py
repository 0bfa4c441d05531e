"""The `agent` command line: the top of the layers (kg, prompts ← llm ← agent ← training ← cli).

Every command is declared here and only here prints; library code raises named errors, which
`cli.errors.user_errors` turns into one line on stderr and exit code 2.
"""

import os as _os

for _name in ("COLUMNS", "LINES"):
    # COLUMNS=0 (an empty-width terminal some CI runners and `script` report) made rich print nothing
    # at all, not even the error line: a size that is no positive number is ignored
    if _name in _os.environ and not (_os.environ[_name].strip().isdigit() and int(_os.environ[_name]) > 0):
        del _os.environ[_name]
