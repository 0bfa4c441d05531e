"""A tiny model directory for the commands that load one (serve)."""

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def full_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("transformers")
    from llm.tiny import save_tiny_model

    texts = ["你好，世界。Hello.", "提出进化论的科学家是谁？达尔文。"]
    return save_tiny_model(tmp_path_factory.mktemp("cli-full"), texts, vocab_size=600, hidden_size=32, heads=4)
