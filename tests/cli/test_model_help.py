"""Help text that matches the code (issue 12)."""

from typer.testing import CliRunner

from cli.main import app
from llm.hf_runtime import BNB_CPU_MIN

runner = CliRunner()


def test_int8_help_names_the_cpu_bitsandbytes_release_the_code_accepts():
    output = " ".join(runner.invoke(app, ["ask", "--help"], terminal_width=300).output.split())
    assert "CUDA GPU only" not in output
    assert f"bitsandbytes >= {'.'.join(map(str, BNB_CPU_MIN))}" in output
