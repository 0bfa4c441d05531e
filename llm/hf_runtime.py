"""Local CuteGPT in Hugging Face format: base, full instruction-tuned, or base + LoRA adapter (peft).

The three published CuteGPT releases map to the three layouts: a base model directory, a full
finetune whose tokenizer has the `<end>` token it ends every answer with, and a LoRA adapter
directory (adapter_config.json naming its base in `base_model_name_or_path`). torch, transformers
and peft are imported only in here, inside the functions that use them.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from llm.base import (
    TOKENIZER_ERRORS, Completion, GenerationConfig, ModelLoadError, ModelRunError, PromptTooLongError, load_lora_adapter, tokenizer_problem,
)
from llm.device import pick_attention, pick_device, pick_dtype
from llm.model_folder import (
    check_config, check_finite, check_weights, has_tokenizer, held_transformers_logs, load_weights, resolve_paths, unreadable_json,
)
from llm.template import END_TOKEN, TemplateError, clean_response, encode_text, resolve_template

Kind = Literal["base", "full", "lora"]
BNB_CPU_MIN = (0, 49)
"""int8 on the CPU was measured working with bitsandbytes 0.50.2; older releases are CUDA-only."""


def _check_int8(device: str) -> None:
    if importlib.util.find_spec("bitsandbytes") is None:
        raise ModelLoadError("int8 loading (--int8, CUTEKG_INT8 or int8 = true) needs bitsandbytes: pip install bitsandbytes")
    if device == "cpu":
        from importlib.metadata import version

        found = tuple(int(part) for part in version("bitsandbytes").split(".")[:2])
        if found < BNB_CPU_MIN:
            raise ModelLoadError(
                f"--int8 without a CUDA GPU needs bitsandbytes>={'.'.join(map(str, BNB_CPU_MIN))} "
                f"(found {'.'.join(map(str, found))})"
            )


class HFRuntime:
    """A loaded model + tokenizer; text in, cleaned text out (`llm.template.clean_response`)."""

    def __init__(
        self, model: Any, tokenizer: Any, *, name: str, kind: Kind, constrained: Any = None, template: str = "auto",
        source: str | None = None,
    ):
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.source = source or name  # what errors call the model: `load` gives the folders as typed
        self.kind = kind
        self.template = resolve_template(template, tokenizer)
        """How prompts are rendered for this model (llm.template); the planner asks the runtime."""
        end_id = tokenizer.convert_tokens_to_ids(END_TOKEN) if END_TOKEN in tokenizer.get_vocab() else None
        # Full-finetune checkpoints end answers with <end> (upstream finetune.py); eos ends the rest;
        # a chat model also stops on its generation config's end-of-turn ids (<|im_end|>, <|eot_id|>).
        configured = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
        configured = configured if isinstance(configured, list) else [configured] if configured is not None else []
        stops = [tokenizer.eos_token_id] + ([end_id] if end_id is not None else []) + configured
        self.stop_token_ids = list(dict.fromkeys(token for token in stops if token is not None))
        self._cut_ids = set(self.stop_token_ids)  # decoded text ends at these, as clean_response does
        self._constraint = constrained
        self._constraint_built = constrained is not None

    @classmethod
    def load(
        cls,
        model_path: str | Path | None,
        *,
        lora_path: str | Path | None = None,
        int8: bool = False,
        dtype: str = "auto",
        device: str | None = None,
        attn_implementation: str | None = None,
        template: str = "auto",
        max_new_tokens: int | None = None,
    ) -> HFRuntime:
        """`max_new_tokens`, when given, is what each answer may generate: a model whose context
        cannot hold that many tokens and a prompt is refused here, before its weights load."""
        base, lora, config = resolve_paths(model_path, lora_path)
        context = config.get("max_position_embeddings")
        if max_new_tokens is not None and isinstance(context, int) and context <= max_new_tokens:
            raise ModelLoadError(f"{base / 'config.json'}: max_position_embeddings is {context}, no room for a prompt "
                                 f"and the {max_new_tokens} tokens an answer may take (max_new_tokens)")
        import torch
        import transformers
        from transformers import AutoModelForCausalLM, AutoTokenizer

        check_config(base, config)
        device_map = "auto" if device is None else {"": device}  # "auto": spread over all GPUs
        device = pick_device(device)  # --device cuda on a machine without one: said, not an AssertionError
        if int8:
            _check_int8(device)
        kwargs: dict[str, Any] = {
            "dtype": pick_dtype(dtype, device, int8=int8),
            "attn_implementation": pick_attention(attn_implementation, device),
        }
        if int8:
            from transformers import BitsAndBytesConfig

            kwargs |= {"quantization_config": BitsAndBytesConfig(load_in_8bit=True), "device_map": device_map}
        tokenizer_dir = lora if lora is not None and has_tokenizer(lora) else base
        for folder in (base, lora) if lora is not None else (base,):
            check_weights(folder)
        # Held from the tokenizer (its config names the model type) to the adapter (resizing, peft):
        # a load that fails shows its one error, not the warnings that came before it.
        with held_transformers_logs() as records:
            try:
                tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
            except TOKENIZER_ERRORS as error:
                bad = unreadable_json(tokenizer_dir)  # a damaged tokenizer.json: name the file, not only the folder
                where = bad or tokenizer_dir
                raise ModelLoadError(f"cannot load the tokenizer {where}: {tokenizer_problem(error)}") from error
            limit = getattr(tokenizer, "model_max_length", None)
            if isinstance(limit, bool) or not isinstance(limit, (int, float)):  # "lots": a TypeError at every question
                raise ModelLoadError(f"{tokenizer_dir / 'tokenizer_config.json'}: model_max_length is {json.dumps(limit, default=str)[:60]}, "
                                     "not a number")
            model = load_weights(AutoModelForCausalLM, base, kwargs, records)
            check_finite(model, base)
            if len(tokenizer) > model.get_input_embeddings().num_embeddings:
                model.resize_token_embeddings(len(tokenizer))  # an adapter trained with added tokens (<end>)
            if lora is not None:
                model = load_lora_adapter(model, lora, base)
        if not int8:
            model.to(device)
        model.eval()
        if tokenizer.pad_token is None:  # the LLaMA tokenizer has none; batches pad on the left with unk
            tokenizer.pad_token = tokenizer.unk_token or tokenizer.eos_token
        tokenizer.padding_side = "left"
        kind: Kind = "lora" if lora is not None else "full" if END_TOKEN in tokenizer.get_vocab() else "base"
        name = base.name + (f"+{lora.name}" if lora is not None else "") + ("-int8" if int8 else "")
        try:
            # errors name the folders as typed (m7/epsneg, tiny with the adapter a6/stnan), not the short name
            source = f"{model_path} with the adapter {lora_path}" if lora_path is not None else str(model_path)
            return cls(model, tokenizer, name=name, kind=kind, template=template, source=source)
        except TemplateError as error:
            raise ModelLoadError(f"{tokenizer_dir}: {error}") from error

    # -- constrained decoding -------------------------------------------------------------------
    def _logits_processors(self, json_schema: dict | None) -> list[Any]:
        if json_schema is None:
            return []
        if not self._constraint_built:
            from llm import grammar

            self._constraint_built = True
            if grammar.available():
                vocab = self.model.get_output_embeddings().weight.shape[0]
                self._constraint = grammar.JsonConstraint(self.tokenizer, vocab, self.stop_token_ids)
        # Without xgrammar the plan is generated unconstrained; parse_plan is the safety net.
        return [self._constraint.processor(json_schema)] if self._constraint is not None else []

    # -- generation -----------------------------------------------------------------------------
    def _generate_kwargs(self, config: GenerationConfig, json_schema: dict | None = None) -> dict[str, Any]:
        if config.seed is not None:
            import torch

            torch.manual_seed(config.seed)
        return config.sampling_kwargs() | {
            "eos_token_id": self.stop_token_ids,
            "pad_token_id": self.tokenizer.pad_token_id,
            "logits_processor": self._logits_processors(json_schema),
        }

    def _encode(self, prompts: list[str], config: GenerationConfig | None = None) -> Any:
        # llm.template.encode_text per prompt (no BOS, as upstream), then left padding for the batch.
        rows = [encode_text(self.tokenizer, prompt) for prompt in prompts]
        context = getattr(self.model.config, "max_position_embeddings", None)
        room = config.max_new_tokens if config is not None else 0
        if context and rows and max(map(len, rows)) + room > context:
            raise PromptTooLongError(
                f"the prompt is {max(map(len, rows))} tokens and up to {room} more are generated, but {self.source} "
                f"reads {context} tokens: use fewer history turns, a shorter prompt or a lower max_new_tokens (cutekg.toml, or CUTEKG_MAX_NEW_TOKENS)"
            )
        return self.tokenizer.pad({"input_ids": rows}, return_tensors="pt", padding=True).to(self.model.device)

    @contextmanager
    def _run_errors(self) -> Iterator[None]:
        """generate() failing inside the model (NaN probabilities, a CUDA fault): one ModelRunError
        naming the model, not a plan failure per question. Out of memory stays itself: a shorter
        prompt may fit."""
        import torch

        try:
            yield
        except (ModelLoadError, torch.OutOfMemoryError, KeyboardInterrupt, MemoryError):
            raise
        except Exception as error:
            raise ModelRunError(f"the model {self.source} fails when it generates: {type(error).__name__}: {str(error)[:200]}") from error

    def encode(self, prompt: str) -> list[int]:
        """The ids this runtime feeds the model for `prompt` (what the training path must match)."""
        return encode_text(self.tokenizer, prompt)

    def _finish(self, new_ids: list[int]) -> Completion:
        stop = next((i for i, token in enumerate(new_ids) if token in self.stop_token_ids), None)
        cut = next((i for i, token in enumerate(new_ids) if token in self._cut_ids), len(new_ids))
        # skip_special_tokens drops <end> from the text, so the cut happens on ids, not on the string.
        text = clean_response(self.tokenizer.decode(new_ids[:cut], skip_special_tokens=True))
        if stop is None:
            return Completion(text=text, completion_tokens=len(new_ids), finish_reason="length")
        return Completion(text=text, completion_tokens=stop + 1, finish_reason="stop")

    def complete_batch(
        self, prompts: list[str], config: GenerationConfig, *, json_schema: dict | None = None
    ) -> list[Completion]:
        """Generate for all prompts at once (left-padded); each result with its token counts."""
        import torch

        inputs = self._encode(prompts, config)
        with torch.inference_mode(), self._run_errors():
            output = self.model.generate(**inputs, **self._generate_kwargs(config, json_schema))
        prompt_width = inputs["input_ids"].shape[1]
        prompt_lengths = inputs["attention_mask"].sum(dim=1).tolist()
        completions = []
        for row, prompt_tokens in zip(output.tolist(), prompt_lengths):
            completion = self._finish(row[prompt_width:])
            completions.append(completion.model_copy(update={"prompt_tokens": int(prompt_tokens)}))
        return completions

    def complete(self, prompt: str, config: GenerationConfig, *, json_schema: dict | None = None) -> Completion:
        return self.complete_batch([prompt], config, json_schema=json_schema)[0]

    def generate(self, prompt: str, config: GenerationConfig, *, json_schema: dict | None = None) -> str:
        return self.complete(prompt, config, json_schema=json_schema).text

    def generate_batch(
        self, prompts: list[str], config: GenerationConfig, *, json_schema: dict | None = None
    ) -> list[str]:
        return [completion.text for completion in self.complete_batch(prompts, config, json_schema=json_schema)]

    def stream(
        self, prompt: str, config: GenerationConfig, *, json_schema: dict | None = None
    ) -> Generator[str, None, str]:
        """Text pieces as they are generated (generate() runs in a worker thread); the generator
        returns the finish reason ("stop", or "length" when max_new_tokens cut it off).

        The prompt is encoded and checked here, when `stream` is called: a prompt too long for the
        context raises PromptTooLongError before any piece is asked for (a server can still answer
        400). Closing the iterator early (a reader that stops, a client that hangs up) stops generation.
        """
        return self._pieces(self._encode([prompt], config), config, json_schema)

    def _pieces(self, inputs: Any, config: GenerationConfig, json_schema: dict | None) -> Generator[str, None, str]:
        import torch
        from transformers import TextIteratorStreamer

        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        cancelled = threading.Event()
        kwargs = self._generate_kwargs(config, json_schema) | dict(inputs)  # seeded when generation starts
        kwargs |= {"streamer": streamer, "stopping_criteria": [_stop_when(cancelled)]}
        failure: list[BaseException] = []
        output: list[Any] = []

        def work() -> None:
            try:
                with torch.inference_mode():
                    output.append(self.model.generate(**kwargs))
            except BaseException as error:  # re-raised in the consumer's thread below
                failure.append(error)
                streamer.end()

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        try:
            for piece in streamer:
                if piece:
                    yield piece
        finally:
            cancelled.set()
            worker.join()
        if failure:
            with self._run_errors():
                raise failure[0]
        if output:  # the generator's return value: how it ended, as a server reports it
            return self._finish(output[0][0, kwargs["input_ids"].shape[1] :].tolist()).finish_reason
        return "stop"


def _stop_when(event: threading.Event) -> Any:
    import torch
    from transformers import StoppingCriteria

    class Cancelled(StoppingCriteria):
        def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: Any) -> torch.BoolTensor:
            return torch.full((input_ids.shape[0],), event.is_set(), dtype=torch.bool, device=input_ids.device)

    return Cancelled()
