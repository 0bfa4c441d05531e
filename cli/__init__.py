"""The `agent` command line: the top of the layers (kg, prompts ← llm ← agent ← training ← cli).

Every command is declared here and only here prints; library code raises named errors, which
`cli.errors.user_errors` turns into one line on stderr and exit code 2.
"""
