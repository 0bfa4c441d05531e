"""LangChain's standard tool suites (langchain-tests) on each KG function from kg_tools(load_sample_kg())."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

pytest.importorskip("langchain_tests")

from langchain_tests.integration_tests import ToolsIntegrationTests  # noqa: E402
from langchain_tests.unit_tests import ToolsUnitTests  # noqa: E402

from agent.langchain_bridge import kg_tools  # noqa: E402
from kg import load_sample_kg  # noqa: E402


@cache
def sample_tools() -> dict[str, Any]:
    return {tool.name: tool for tool in kg_tools(load_sample_kg())}


class KGTool:
    name: str
    example: dict[str, Any]

    @property
    def tool_constructor(self) -> Any:
        return sample_tools()[self.name]

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return self.example


class GetEntityInfo(KGTool):
    name, example = "get_entity_info", {"entity_aliases": ["三体", "三体（小说）"]}


class FindEntityOrValue(KGTool):
    name, example = "find_entity_or_value", {"entity_aliases": "三体", "relation_aliases": ["作者"]}


class FindRelationship(KGTool):
    name, example = "find_relationship", {"entity1_aliases": "三体", "entity2_aliases": "刘慈欣"}


class TestGetEntityInfoUnit(GetEntityInfo, ToolsUnitTests): ...


class TestGetEntityInfoIntegration(GetEntityInfo, ToolsIntegrationTests): ...


class TestFindEntityOrValueUnit(FindEntityOrValue, ToolsUnitTests): ...


class TestFindEntityOrValueIntegration(FindEntityOrValue, ToolsIntegrationTests): ...


class TestFindRelationshipUnit(FindRelationship, ToolsUnitTests): ...


class TestFindRelationshipIntegration(FindRelationship, ToolsIntegrationTests): ...


@pytest.mark.parametrize("kind", [GetEntityInfo, FindEntityOrValue, FindRelationship])
def test_each_example_call_finds_the_author_of_santi_in_the_sample_kg(kind):
    """The standard suites check the shape of a reply; the examples must also reach real facts."""
    tool = sample_tools()[kind.name]
    reply = tool.invoke({"name": kind.name, "args": kind.example, "id": "1", "type": "tool_call"})
    assert "刘慈欣" in reply.content and "刘慈欣" in str(reply.artifact)
