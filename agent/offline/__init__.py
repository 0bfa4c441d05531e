"""The offline rule planner and answerer: what a user gets without a model (see README.md)."""

from agent.offline.answerer import OfflineAnswerer
from agent.offline.planner import OfflinePlanner

__all__ = ["OfflineAnswerer", "OfflinePlanner"]
