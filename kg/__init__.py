"""Knowledge graphs: the protocol the planner's code calls, its backends (in memory, a local store) and loaders."""

from kg.base import KG_FUNCTIONS, Edge, KGFindings, KGVocabulary, KnowledgeGraph, Triple
from kg.loaders import SAMPLE_KG_PATH, KGLoadError, iter_triples, load_kg, load_sample_kg
from kg.networkx_kg import NetworkXKG
from kg.store import StoreKG, build_store, open_store

__all__ = [
    "KG_FUNCTIONS",
    "KGFindings",
    "SAMPLE_KG_PATH",
    "Edge",
    "KGLoadError",
    "KGVocabulary",
    "KnowledgeGraph",
    "NetworkXKG",
    "StoreKG",
    "Triple",
    "build_store",
    "iter_triples",
    "load_kg",
    "load_sample_kg",
    "open_store",
]
