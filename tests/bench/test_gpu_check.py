"""bench/gpu_check.py --tiny runs on the CPU: the GPU check is proven to start before a GPU is lent."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("transformers")
pytest.importorskip("peft")


def _gpu_check():
    path = Path(__file__).resolve().parents[2] / "bench" / "gpu_check.py"
    spec = importlib.util.spec_from_file_location("gpu_check", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["gpu_check"] = module
    spec.loader.exec_module(module)
    return module


def test_gpu_check_tiny_prints_the_inference_and_lora_rows_on_the_cpu(capsys, tmp_path):
    rows = _gpu_check().main(["--tiny", "--lora-steps", "2", "--json", str(tmp_path / "rows.json")])
    cases = [row["case"] for row in rows]
    assert cases[0] == "13b-shape float32" and "lora 1b-shape" in cases
    first = rows[0]
    assert first["prompt_tokens"] > 100 and first["tokens_per_s"] > 0 and first["batch8_tokens_per_s"] > 0
    assert rows[cases.index("lora 1b-shape")]["steps"] == 2
    output = capsys.readouterr().out
    assert "| case |" in output and "ttft_s" in output and (tmp_path / "rows.json").is_file()
