"""Knowledge graphs: the protocol the planner's code calls, the networkx backend and loaders."""

from kg.base import Edge, KGVocabulary, KnowledgeGraph, Triple

__all__ = ["Edge", "KGVocabulary", "KnowledgeGraph", "Triple"]
