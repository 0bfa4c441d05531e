import subprocess
import sys

import pytest

MODULES = "llm, llm.base, llm.config, llm.fake, llm.grammar, llm.hf_runtime, llm.openai_compat, llm.serve, llm.stops, llm.tiny"
HEAVY = "('torch', 'transformers', 'peft', 'xgrammar')"


def _loaded(imports: str, names: str) -> str:
    code = f"import sys, {imports}; print(sorted(m for m in {names} if m in sys.modules))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_importing_the_llm_package_loads_no_heavy_library():
    assert _loaded(MODULES, HEAVY) == "[]"


def test_only_the_langchain_modules_load_langchain():
    assert _loaded(f"{MODULES}, agent.loop, agent.llm_planner", "('langchain_core',)") == "[]"


def test_the_langchain_chat_model_loads_no_heavy_library():
    pytest.importorskip("langchain_core")
    assert _loaded("llm.langchain_chat", HEAVY) == "[]"
