"""CuteGPT for CuteKG: runtimes (local Hugging Face, OpenAI-compatible HTTP, scripted), the chat
template, constrained plans, the LLM planner and answerer.

Importing `llm` stays light: torch, transformers and peft load only inside the runtime code that
uses them, so the offline agent starts fast.
"""

from llm.base import Completion, GenerationConfig, ModelLoadError, Runtime

__all__ = ["Completion", "GenerationConfig", "ModelLoadError", "Runtime"]
