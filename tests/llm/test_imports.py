import subprocess
import sys

MODULES = "llm, llm.base, llm.config, llm.fake, llm.grammar, llm.hf_runtime, llm.openai_compat, llm.serve, llm.tiny"


def test_importing_the_llm_package_loads_no_heavy_library():
    code = f"import sys, {MODULES}; print(sorted(m for m in ('torch', 'transformers', 'peft', 'xgrammar') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
