"""LangChain's standard chat-model suites (langchain-tests) on ChatCuteKG: the unit suite over the
scripted runtime, the integration suite over a tiny Llama loaded like a real checkpoint."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("langchain_tests")

from langchain_tests.integration_tests import ChatModelIntegrationTests  # noqa: E402
from langchain_tests.unit_tests import ChatModelUnitTests  # noqa: E402

from llm.fake import ScriptedRuntime  # noqa: E402
from llm.langchain_chat import ChatCuteKG  # noqa: E402


class CuteKGCapabilities:
    """What ChatCuteKG does not do, said once for both suites (their documented switches)."""

    @property
    def chat_model_class(self) -> type[ChatCuteKG]:
        return ChatCuteKG

    @property
    def chat_model_params(self) -> dict[str, Any]:
        return {"runtime": self.runtime}

    @property
    def has_tool_calling(self) -> bool:
        return False  # CuteGPT plans in Python over the KG functions; tool-calling models take kg_tools()

    @property
    def has_structured_output(self) -> bool:
        return False  # plans are constrained by llm.grammar inside LLMPlanner, not by with_structured_output

    @property
    def supports_model_override(self) -> bool:
        return False  # one runtime is one loaded model: `model=` per call cannot switch it

    @property
    def returns_usage_metadata(self) -> bool:
        return False  # invoke reports token counts (tested in test_langchain_chat.py); a stream has none


class TestChatCuteKGUnit(CuteKGCapabilities, ChatModelUnitTests):
    runtime = ScriptedRuntime(lambda prompt: "你好")

    @property
    def standard_chat_model_params(self) -> dict[str, Any]:
        # The unit suite adds api_key="test" for hosted models; a local runtime has no key to take
        # (ChatCuteKG refuses unknown keys). The rest (temperature, max_tokens, timeout, stop,
        # max_retries) it accepts.
        return {name: value for name, value in super().standard_chat_model_params.items() if name != "api_key"}


@pytest.fixture(scope="module")
def hello_runtime(hello_end_dir):
    from llm.hf_runtime import HFRuntime

    return HFRuntime.load(hello_end_dir)  # greedy or sampled, it says 你好 and stops


class TestChatCuteKGIntegration(CuteKGCapabilities, ChatModelIntegrationTests):
    @pytest.fixture(autouse=True)
    def _tiny_llama(self, hello_runtime) -> None:
        self.runtime = hello_runtime
