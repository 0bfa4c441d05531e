"""The layers contract (pyproject.toml, import-linter) holds, and it fails on an upward import."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cli", "training", "agent", "llm", "kg", "prompts")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    pytest.importorskip("importlinter")
    script = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", script, "--config", str(root / "pyproject.toml"), "--no-cache"],
                          cwd=root, capture_output=True, text=True, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_imports_only_point_down():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_breaks_the_contract(tmp_path):
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    base = tmp_path / "kg" / "base.py"
    base.write_text(base.read_text(encoding="utf-8") + "\nimport agent.loop  # an upward import\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0 and "kg.base -> agent.loop" in result.stdout
