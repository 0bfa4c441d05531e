"""Log-likelihood of answer options after a prompt, batched, the prompt computed once.

For each request (prompt ids, [option ids, ...]) the score of an option is
sum_j log p(option_j | prompt, option_<j), exactly what a forward pass over prompt + option gives.

How it is batched:
1. Prompts go through the model `batch_size` at a time, padded on the right. A padded position
   comes after every real one, so causal attention never lets it touch a real position: no
   attention mask or position ids are needed, and the last real position of each row gives every
   option's first-token log-probability.
2. Each row's key/value cache, cut to its real length, is shared by that prompt's options, which
   then go `batch_size` at a time (again padded on the right). An option of n tokens needs only
   its first n-1 tokens fed: one-token options (C-Eval's letters) need no second pass at all.
torch and transformers are imported inside the methods, so importing this module stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Request = tuple[Sequence[int], Sequence[Sequence[int]]]
"""(prompt token ids, [option token ids, ...])."""


def _cache_layers(cache: Any) -> list[tuple[Any, Any]]:
    """(keys, values) per layer, shaped (batch, heads, positions, head_dim), whatever the cache class."""
    if hasattr(cache, "layers"):  # transformers >= 4.56
        return [(layer.keys, layer.values) for layer in cache.layers]
    if hasattr(cache, "key_cache"):
        return list(zip(cache.key_cache, cache.value_cache))
    return [(layer[0], layer[1]) for layer in cache]  # the legacy tuple of tuples


def _shared_cache(layers: list[tuple[Any, Any]], row: int, length: int, copies: int) -> Any:
    """A cache holding `copies` views of one row's first `length` positions (expand: no copy made;
    the forward pass concatenates new positions into fresh tensors and leaves these untouched)."""
    from transformers import DynamicCache

    pairs = [
        (keys[row : row + 1, :, :length].expand(copies, -1, -1, -1), values[row : row + 1, :, :length].expand(copies, -1, -1, -1))
        for keys, values in layers
    ]
    try:
        return DynamicCache(ddp_cache_data=pairs)
    except TypeError:  # transformers 4.x spells it from_legacy_cache
        return DynamicCache.from_legacy_cache(tuple(pairs))


class OptionScorer:
    """Sums of option-token log-probabilities for a causal LM (Hugging Face, peft-wrapped or not)."""

    def __init__(self, model: Any, *, batch_size: int = 16, pad_id: int = 0) -> None:
        import inspect

        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.model = model
        self.batch_size = batch_size
        self.pad_id = pad_id  # any real id: padded positions are never read
        base = model.get_base_model() if hasattr(model, "get_base_model") else model  # a peft wrapper
        parameters = inspect.signature(base.forward).parameters
        # transformers 5 renamed past_key_values to cache; 4.x knows only the old name.
        self._cache_arg = "cache" if "cache" in parameters else "past_key_values"
        # Where the model can compute logits at chosen positions only, the prompt pass skips the
        # (batch x prompt length x vocabulary) tensor: at 13B and a 600-token prompt that is GBs.
        self._pick_positions = "logits_to_keep" in parameters

    def _padded(self, rows: Sequence[Sequence[int]]) -> Any:
        import torch

        width = max(len(row) for row in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        for index, row in enumerate(rows):
            ids[index, : len(row)] = torch.tensor(list(row), dtype=torch.long)
        return ids.to(self.model.device)

    def score(self, requests: Sequence[Request]) -> list[list[float]]:
        """One list of option scores per request, in the order given."""
        import torch

        for prompt, options in requests:
            if not prompt or any(not option for option in options):
                raise ValueError("every prompt and every option needs at least one token")
        results: list[list[float]] = [[] for _ in requests]
        # Similar lengths share a batch: less padding to compute.
        order = sorted(range(len(requests)), key=lambda index: len(requests[index][0]), reverse=True)
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                chunk = order[start : start + self.batch_size]
                prompts = [requests[index][0] for index in chunk]
                first, layers = self._prompt_pass(prompts)
                for row, index in enumerate(chunk):
                    results[index] = self._options(layers, row, len(prompts[row]), first[row], requests[index][1])
        return results

    def _prompt_pass(self, prompts: Sequence[Sequence[int]]) -> tuple[Any, list[tuple[Any, Any]]]:
        """Log-probabilities after each prompt's last token, and the cache of the whole batch."""
        import torch

        ids = self._padded(prompts)
        last = torch.tensor([len(prompt) - 1 for prompt in prompts], device=ids.device)
        if self._pick_positions:
            positions, column = torch.unique(last, return_inverse=True)
            output = self.model(input_ids=ids, use_cache=True, logits_to_keep=positions)
        else:
            column = last
            output = self.model(input_ids=ids, use_cache=True)
        rows = torch.arange(len(prompts), device=ids.device)
        first = output.logits[rows, column.to(output.logits.device)].float().log_softmax(-1)
        cache = output.get("cache") if output.get("cache") is not None else output.past_key_values
        return first, _cache_layers(cache)

    def _options(self, layers: list[tuple[Any, Any]], row: int, length: int, first: Any, options: Sequence[Sequence[int]]) -> list[float]:
        import torch

        # One transfer per batch, not one per option: each .item() on a GPU waits for it.
        scores = first[torch.tensor([option[0] for option in options], device=first.device)].tolist()
        longer = [index for index, option in enumerate(options) if len(option) > 1]
        for start in range(0, len(longer), self.batch_size):
            batch = longer[start : start + self.batch_size]
            feed = self._padded([options[index][:-1] for index in batch])
            targets = self._padded([options[index][1:] for index in batch])  # the token each fed one predicts
            real = torch.tensor([len(options[index]) - 1 for index in batch], device=feed.device)
            mask = torch.arange(feed.shape[1], device=feed.device)[None, :] < real[:, None]
            cache = _shared_cache(layers, row, length, len(batch))
            output = self.model(input_ids=feed, use_cache=True, **{self._cache_arg: cache})
            logprobs = output.logits.float().log_softmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)
            for index, value in zip(batch, torch.where(mask, logprobs, 0.0).sum(-1).tolist()):
                scores[index] += value
        return scores
