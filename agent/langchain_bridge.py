"""LangChain, both ways (langchain-core, the `langchain` extra; nothing else in CuteKG imports this
module, so langchain-core loads only for a program that does).

- `kg_tools(kg)`: the three KG functions of any `KnowledgeGraph` as LangChain tools with typed
  arguments; each returns (message, result), LangChain's "content_and_artifact" split, the same
  split `kg.KnowledgeGraph` makes.
- `agent_runnable(agent)`: the CuteKG agent as a `Runnable` (invoke, batch, stream, ainvoke, astream):
  input a question or {"question", "history"}; invoke returns the `Answer` record, stream yields the
  answer's text pieces (str) as they are generated, then the Answer.
- `ChatModelRuntime(chat_model)`: any LangChain chat model (ChatOpenAI on vLLM, Ollama, a fake
  model) as the `Runtime` behind `LLMPlanner`/`LLMAnswerer`; the CuteKG prompt is its user message.

The other way round, the local runtime as a LangChain chat model, is `llm.langchain_chat.ChatCuteKG`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.runnables.config import run_in_executor
from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field

from agent.types import Answer
from llm.base import GenerationConfig
from llm.template import clean_response

ALIASES_DOC = "a name or a list of alternative names, most likely first"


class EntityArgs(BaseModel):
    entity_aliases: str | list[str] = Field(description=f"the entity: {ALIASES_DOC}")


class RelationArgs(EntityArgs):
    relation_aliases: str | list[str] = Field(description=f"the relation: {ALIASES_DOC}")


class PairArgs(BaseModel):
    entity1_aliases: str | list[str] = Field(description=f"the first entity: {ALIASES_DOC}")
    entity2_aliases: str | list[str] = Field(description=f"the second entity: {ALIASES_DOC}")


def kg_tools(kg: Any) -> list[StructuredTool]:
    """StructuredTools for get_entity_info, find_entity_or_value and find_relationship on `kg`."""
    def flipped(function: Any) -> Any:
        def run(**arguments: Any) -> tuple[str, Any]:
            result, message = function(**arguments)
            return message, result  # content for the model, artifact for the program

        return run

    specs = [
        ("get_entity_info", kg.get_entity_info, EntityArgs, "Everything the knowledge graph holds about one entity."),
        ("find_entity_or_value", kg.find_entity_or_value, RelationArgs,
         "The entities or values an entity is linked to by a relation (e.g. the author of a book)."),
        ("find_relationship", kg.find_relationship, PairArgs, "How two entities are related (direct or two-hop paths)."),
    ]
    return [
        StructuredTool.from_function(func=flipped(function), name=name, description=doc, args_schema=schema,
                                     response_format="content_and_artifact")
        for name, function, schema, doc in specs
    ]


def _question_and_history(value: Any) -> tuple[str, list[tuple[str, str]]]:
    if isinstance(value, str):
        return value, []
    if isinstance(value, dict) and isinstance(value.get("question"), str):
        return value["question"], [(str(q), str(a)) for q, a in value.get("history") or []]
    raise TypeError("the CuteKG runnable takes a question string or {'question': str, 'history': [(q, a), ...]}")


def agent_runnable(agent: Any) -> AgentRunnable:
    """The agent as a LangChain Runnable (see AgentRunnable)."""
    return AgentRunnable(agent)


class AgentRunnable(Runnable[Any, Answer]):
    """`invoke` returns the `Answer`; `stream` and `astream` yield the answer's text pieces (str) as
    the answerer generates them, then the `Answer` itself, always last (only the Answer when the
    answerer cannot stream, like the offline one). Stopping a stream early stops the generation."""

    name = "cutekg_agent"

    def __init__(self, agent: Any):
        self.agent = agent

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        return self._call_with_config(self._ask, input, config)

    def _ask(self, value: Any) -> Answer:
        question, history = _question_and_history(value)
        return self.agent.ask(question, history)

    def stream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[str | Answer]:
        # LangChain's helper traces the run; its recorded output is the Answer (text pieces add up, then it replaces them).
        yield from self._transform_stream_with_config(iter([input]), self._steps, config)

    def _steps(self, inputs: Iterator[Any]) -> Iterator[str | Answer]:
        for value in inputs:
            question, history = _question_and_history(value)
            yield from self.agent.ask_stream(question, history)

    async def astream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> AsyncIterator[str | Answer]:
        async def one() -> AsyncIterator[Any]:
            yield input

        async for item in self._atransform_stream_with_config(one(), self._asteps, config):
            yield item

    async def _asteps(self, inputs: AsyncIterator[Any]) -> AsyncIterator[str | Answer]:
        """The sync steps, each taken on a worker thread: planning and generation never block the loop."""
        done = object()
        async for value in inputs:
            question, history = _question_and_history(value)
            steps = self.agent.ask_stream(question, history)
            try:
                while (item := await run_in_executor(None, next, steps, done)) is not done:
                    yield item
            finally:
                await run_in_executor(None, steps.close)


class _UserTurnTemplate:
    """The CuteKG prompt goes to a chat model as its user message; history as earlier messages."""

    name = "langchain"

    def render(self, query: str, history: Sequence[tuple[str, str]] = (), max_history: int | None = 3) -> str:
        kept = list(history) if max_history is None else list(history)[-max_history:] if max_history else []
        return _encode_turns(kept, query)


_TURN_SEPARATOR = "\x1e"  # ASCII record separator: never in a question; splits the rendered turns again


def _encode_turns(history: Sequence[tuple[str, str]], query: str) -> str:
    return _TURN_SEPARATOR.join([part for pair in history for part in pair] + [query])


def _messages(prompt: str) -> list[Any]:
    parts = prompt.split(_TURN_SEPARATOR)
    return [HumanMessage(part) if index % 2 == 0 else AIMessage(part) for index, part in enumerate(parts)]


class ChatModelRuntime:
    """A LangChain chat model behind the `llm.base.Runtime` protocol.

    Sampling settings stay the chat model's own (configure them on it); `json_schema` is passed as
    an OpenAI-style `response_format` only when `bind_response_format` is set, since not every chat
    model accepts it. parse_plan is the safety net, as for every runtime."""

    def __init__(self, chat_model: Any, *, name: str | None = None, bind_response_format: bool = False):
        self.chat_model = chat_model
        self.name = name or getattr(chat_model, "model_name", None) or type(chat_model).__name__
        self.template = _UserTurnTemplate()
        self.bind_response_format = bind_response_format

    def _model(self, json_schema: dict | None) -> Any:
        if json_schema is None or not self.bind_response_format:
            return self.chat_model
        from llm.openai_compat import response_format

        return self.chat_model.bind(response_format=response_format(json_schema))

    def generate(self, prompt: str, config: GenerationConfig, *, json_schema: dict | None = None) -> str:
        return clean_response(str(self._model(json_schema).invoke(_messages(prompt)).content))

    def generate_batch(self, prompts: list[str], config: GenerationConfig, *, json_schema: dict | None = None) -> list[str]:
        replies = self._model(json_schema).batch([_messages(prompt) for prompt in prompts])
        return [clean_response(str(reply.content)) for reply in replies]

    def stream(self, prompt: str, config: GenerationConfig) -> Iterator[str]:
        for chunk in self.chat_model.stream(_messages(prompt)):
            if chunk.content:
                yield str(chunk.content)


def chat_model_agent(kg: Any, planner_model: Any, answerer_model: Any | None = None, *, lang: str = "zh") -> Any:
    """An Agent planning with one LangChain chat model and answering with another (or the same)."""
    from agent.llm_planner import LLMAnswerer, LLMPlanner
    from agent.loop import Agent

    planner = LLMPlanner(ChatModelRuntime(planner_model), lang=lang)
    answerer = LLMAnswerer(ChatModelRuntime(answerer_model or planner_model), lang=lang)
    return Agent(kg, planner, answerer)
