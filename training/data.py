"""CuteGPT dialogues: read and write upstream's formats, then turn them into token ids + label masks.

Upstream's training file (`data/test/ift_data.pkl`, README "Data Format") is a pickled list of
dialogues, each a list of turns `{"instruction", "input", "output"}`. The same list is accepted as
JSON Lines (one dialogue, a JSON array of turns, per line), which diffs and greps better.

Conversion follows upstream `code/utils.py:get_multiround_data` and `code/dataset.py`:
dialogues are shuffled and packed, several at a time, into one multi-turn sequence that starts
with the meta instruction; each turn is `问：{instruction}\\n答：\\n` (labels -100) followed by
`{output}<end>` (labels = ids); an EOS closes the sequence. Two departures, both on purpose:
- one template (llm.template's, the one inference renders) instead of upstream's random pool of
  wordings (`Instruction:`/`背景：`...), so the model is trained on exactly what it will see;
- packing is length-aware. Upstream cut one long token stream into fixed blocks, splitting samples
  at block edges without a word. Here a pack closes before it overflows; a single sample longer
  than `max_length` keeps its whole prompt and loses the tail of its answer (counted in
  `truncated`); one whose prompt alone does not fit is left out (counted in `dropped`). Both are
  listed in the stats report.
"""

from __future__ import annotations

import io
import json
import pickle
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from llm.base import TOKENIZER_ERRORS, tokenizer_problem
from llm.model_folder import folder_problem
from training.files import built_beside, write_atomically
from llm.template import (
    ADD_BOS,
    CUTEGPT,
    END_TOKEN,
    META_INSTRUCTION,
    TemplateError,
    encode_piece,
    render_prompt,
    resolve_template,
)

DialogueTurn = dict[str, str]
"""One turn of a CuteGPT dialogue (instruction and output), not the agent's (question, answer) Turn."""
Dialogue = list[DialogueTurn]
TURN_KEYS = ("instruction", "input", "output")
IGNORE_INDEX = -100
"""The label PyTorch's cross-entropy skips: prompt tokens are context, never targets."""
InstructionStyle = Literal["prompt", "question"]
EndTokenMode = Literal["auto", "special", "text"]


class EncodingSetupError(ValueError):
    """A tokenizer or length setting that cannot encode the data (the user picks another)."""


class DataFormatError(ValueError):
    """A dialogue file that cannot be read; says which file and which dialogue/line."""

    def __init__(self, path: Path | str, where: int | None, reason: str) -> None:
        self.path, self.where, self.reason = Path(path), where, reason
        super().__init__(f"{path}:{where}: {reason}" if where is not None else f"{path}: {reason}")


# --------------------------------------------------------------------------- file formats


class _DataOnlyUnpickler(pickle.Unpickler):
    """Upstream's pickle holds only lists, dicts and strings; refusing every global means a
    downloaded .pkl cannot run code while it loads."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing {module}.{name}: a dialogue file holds only lists, dicts and strings")


def _check_dialogue(value: object, path: Path, where: int) -> Dialogue:
    if not isinstance(value, list):
        raise DataFormatError(path, where, f"a dialogue is a list of turns, got {type(value).__name__}")
    turns = []
    for turn in value:
        if not isinstance(turn, dict) or not isinstance(turn.get("instruction"), str) or not isinstance(turn.get("output"), str):
            raise DataFormatError(path, where, "each turn needs string 'instruction' and 'output' (and optional 'input')")
        turns.append({"instruction": turn["instruction"], "input": str(turn.get("input") or ""), "output": turn["output"]})
    return turns


def _text_lines(path: Path, hint: str = "re-save it as UTF-8") -> list[str]:
    """The lines of a UTF-8 text file; a byte that is not UTF-8 is a DataFormatError naming its line."""
    if path.exists() and not path.is_file():  # a link to /dev/zero or a pipe would be read forever
        raise DataFormatError(path, None, "not a regular file (a pipe, socket or device)")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataFormatError(path, line, f"not UTF-8 text (byte {data[exc.start]:#04x}); {hint}") from None
    return text.removeprefix("\ufeff").splitlines()


def read_dialogues(path: str | Path) -> list[Dialogue]:
    """A `.pkl` in upstream's layout or a `.jsonl` with one dialogue (JSON array) per line."""
    path = Path(path)
    if not path.exists():
        raise DataFormatError(path, None, "no such file")
    if path.suffix == ".pkl":
        try:
            data = _DataOnlyUnpickler(io.BytesIO(path.read_bytes())).load()
        except (pickle.UnpicklingError, EOFError, ValueError) as exc:
            raise DataFormatError(path, None, f"not a dialogue pickle ({exc})") from None
        if not isinstance(data, list):
            raise DataFormatError(path, None, "the pickle must hold a list of dialogues")
        return [_check_dialogue(d, path, i) for i, d in enumerate(data)]
    dialogues = []
    for number, line in enumerate(_text_lines(path), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFormatError(path, number, f"not JSON ({exc.msg})") from None
        dialogues.append(_check_dialogue(value, path, number))
    return dialogues


def write_dialogues(dialogues: Iterable[Dialogue], path: str | Path) -> Path:
    """Write `.pkl` (upstream's layout, loadable by its convert_data.py) or `.jsonl`."""
    path = Path(path)
    rows = [[{key: turn.get(key, "") for key in TURN_KEYS} for turn in dialogue] for dialogue in dialogues]
    if path.suffix == ".pkl":
        return write_atomically(path, pickle.dumps(rows, protocol=4))
    return write_atomically(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8"))


def render_instruction(question: str, style: InstructionStyle = "prompt", lang: str = "zh") -> str:
    """The instruction a planner model is trained with. "prompt" is the full planning prompt
    (what `agent ask` sends); "question" is the bare question, for toy models only: inference
    must then render the same way."""
    if style == "question":
        return question
    import prompts

    return prompts.plan_request(question, lang)


def trajectory_dialogues(trajectories: Iterable[Any], style: InstructionStyle = "prompt", lang: str = "zh") -> list[Dialogue]:
    """Each planning trajectory becomes a one-turn dialogue whose output is the plan JSON."""
    from training.synthesize import plan_json

    return [
        [{"instruction": render_instruction(t.question, style, lang), "input": "", "output": plan_json(t.plan)}]
        for t in trajectories
    ]


def read_any(path: str | Path, style: InstructionStyle = "prompt", lang: str = "zh") -> list[Dialogue]:
    """Dialogues from a .pkl, a dialogue .jsonl, or a trajectory .jsonl (lines are JSON objects)."""
    path = Path(path)
    if path.is_dir():
        raise DataFormatError(path, None, "a folder, not a dialogue or trajectory file")
    if path.suffix.lower() == ".kgdb":
        raise DataFormatError(path, None, "a KG store, not dialogues or trajectories; `agent data synth --kg` makes trajectories from a KG")
    if path.suffix != ".pkl" and path.exists():
        first = next((line for line in _text_lines(path) if line.strip()), "")
        if first.lstrip().startswith("{"):
            return trajectory_dialogues(_read_trajectories(path), style, lang)
    dialogues = read_dialogues(path)
    if not dialogues:
        raise DataFormatError(path, None, "no dialogues in the file: nothing to convert")
    return dialogues


def _read_trajectories(path: Path) -> list[Any]:
    """The trajectories of a JSONL file; a bad line is a DataFormatError naming file and line."""
    from training.synthesize import Trajectory

    trajectories = []
    for number, line in enumerate(_text_lines(path), 1):
        if not line.strip():
            continue
        try:
            trajectories.append(Trajectory.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            if first["type"] == "json_invalid":
                raise DataFormatError(path, number, f"not JSON ({first['ctx'].get('error', first['msg'])})") from None
            field = ".".join(str(part) for part in first["loc"]) or "line"
            raise DataFormatError(path, number, f"{field}: {first['msg']}") from None
        if not trajectories[-1].question.strip():  # a training row whose question is blank teaches a plan for nothing
            raise DataFormatError(path, number, "question is empty or only whitespace")
        plan = trajectories[-1].plan
        if plan.need_knowledge and not (plan.code or "").strip():  # would teach plans that ask for knowledge and fetch none
            raise DataFormatError(path, number, "plan.need_knowledge is true but plan.code is missing or empty")
    return trajectories


# --------------------------------------------------------------------------- tokenising


def turn_query(turn: DialogueTurn) -> str:
    """The turn's query: the instruction, then the input (if any) on its own line."""
    return turn["instruction"] + (f"\n{turn['input']}" if turn.get("input") else "")


def turn_prompt(turn: DialogueTurn) -> str:
    """`问：{instruction}[\\n{input}]\\n答：\\n`: the inference template without the meta line."""
    return render_prompt(turn_query(turn), (), max_history=0)[len(META_INSTRUCTION) :]


class DatasetStats(BaseModel):
    """The report `agent data convert` prints and saves as stats.json."""

    dialogues: int
    samples: int
    """Turns read (each trajectory is one)."""
    sequences: int
    """Packed training rows written."""
    truncated: list[tuple[int, int]] = Field(default_factory=list)
    """(dialogue, turn) whose answer lost its tail to fit max_length."""
    dropped: list[tuple[int, int]] = Field(default_factory=list)
    """(dialogue, turn) left out: the prompt alone is longer than max_length."""
    split_dialogues: int = 0
    """Source dialogues longer than max_length, continued in a new row without earlier turns."""
    tokens: int = 0
    label_tokens: int = 0
    lengths: dict[str, float] = Field(default_factory=dict)
    """min, mean, p50, p95, max of the row lengths in tokens."""
    max_length: int
    pack_max: int
    seed: int
    end_token: str = END_TOKEN
    end_token_special: bool
    """True: <end> is one added token (upstream full fine-tuning); False: ordinary text pieces
    (upstream LoRA kept the base tokenizer)."""
    bos: bool = False
    """Rows start with the tokenizer's <s>."""
    template: str = "cutegpt"
    """llm.template's template the rows were rendered with; inference must use the same."""


def training_template(name: str, tokenizer: Any) -> Any:
    """llm.template's template by name (auto|cutegpt|chat), as `agent ask --template` picks it."""
    try:
        return resolve_template(name, tokenizer)
    except TemplateError as error:  # named by the tokenizer's folder, as loaded
        folder = getattr(tokenizer, "name_or_path", "")
        raise EncodingSetupError(f"{folder}: {error}" if folder else str(error)) from None


def prepare_tokenizer(path: str | Path, end_token: EndTokenMode = "auto"):
    """Load a tokenizer and settle how `<end>` is written: "special" adds it as one token (needs
    a full fine-tune or a model that has it), "text" leaves it as ordinary pieces, "auto" uses it
    as a token when the tokenizer already has it and as text otherwise."""
    tokenizer = load_tokenizer(path)
    has_end = END_TOKEN in tokenizer.get_vocab()
    if end_token == "special" and not has_end:
        # add_tokens(special_tokens=True) is the one spelling transformers 4 and 5 both accept.
        tokenizer.add_tokens([END_TOKEN], special_tokens=True)
        has_end = True
    special = has_end and end_token != "text"
    if end_token == "text" and has_end:
        raise EncodingSetupError(f"this tokenizer already has {END_TOKEN} as one token; use --end-token auto or special")
    return tokenizer, special


def load_tokenizer(path: str | Path):
    """A tokenizer from a local folder, with errors in a user's words (not the hub's repo-id ones)."""
    from transformers import AutoTokenizer

    path = Path(path)
    if problem := folder_problem(path, "a model or tokenizer folder"):
        raise EncodingSetupError(problem)
    if not any((path / name).exists() for name in ("tokenizer.json", "tokenizer_config.json", "tokenizer.model", "vocab.json")):
        raise EncodingSetupError(f"{path}: no tokenizer files (tokenizer.json, tokenizer_config.json or tokenizer.model)")
    try:
        return AutoTokenizer.from_pretrained(str(path))
    except TOKENIZER_ERRORS as exc:
        raise EncodingSetupError(f"{path}: cannot load a tokenizer: {tokenizer_problem(exc)}") from None


def encode_dialogues(
    dialogues: Sequence[Dialogue],
    tokenizer: Any,
    *,
    max_length: int = 2048,
    pack_max: int = 10,
    seed: int = 10,
    end_token_special: bool = True,
    add_bos: bool = ADD_BOS,
    template: Any = None,
) -> tuple[list[tuple[list[int], list[int]]], DatasetStats]:
    """Pack, mask and truncate: returns rows of (input_ids, labels) and the stats report.

    `pack_max` is upstream's `random.randint(1, 10)`: each row takes 1..pack_max dialogues, so the
    model sees both fresh and multi-turn contexts; 1 turns packing off. `seed` fixes the shuffle.
    `add_bos` starts each row with <s>; off by default, as llm.template.ADD_BOS (upstream's
    dataset.py and inference scripts both leave it out). Ids come from llm.template's encoders, so
    a row's prompt part is token for token what the runtime sends for the same turns. `template`
    (llm.template, default CuteGPT's) renders the turns, as the runtime renders prompts."""
    template = template or CUTEGPT
    meta = tokenizer(template.row_prefix, add_special_tokens=False)["input_ids"] if template.row_prefix else []
    if add_bos and tokenizer.bos_token_id is not None:
        meta = [tokenizer.bos_token_id] + meta
    eos = tokenizer.eos_token_id
    if eos is None:
        raise EncodingSetupError("the tokenizer has no EOS token; upstream closes every row with one")
    if len(meta) + 2 >= max_length:
        raise EncodingSetupError(f"max_length {max_length} leaves no room after the {len(meta)}-token meta instruction")
    rng = random.Random(seed)
    order = list(range(len(dialogues)))
    rng.shuffle(order)

    stats = DatasetStats(
        dialogues=len(dialogues), samples=sum(len(d) for d in dialogues), sequences=0,
        max_length=max_length, pack_max=pack_max, seed=seed, end_token_special=end_token_special,
        bos=add_bos and tokenizer.bos_token_id is not None, template=template.name,
    )
    rows: list[tuple[list[int], list[int]]] = []
    ids: list[int] = list(meta)
    labels: list[int] = [IGNORE_INDEX] * len(meta)
    packed = 0  # dialogues in the open row
    target = rng.randint(1, pack_max)

    def close() -> None:
        nonlocal ids, labels, packed, target
        if len(ids) > len(meta):
            rows.append((ids + [eos], labels + [eos]))
        ids, labels, packed, target = list(meta), [IGNORE_INDEX] * len(meta), 0, rng.randint(1, pack_max)

    for index in order:
        try:
            pieces = template.turn_pieces([(turn_query(turn), turn["output"]) for turn in dialogues[index]])
        except TemplateError as error:
            raise EncodingSetupError(str(error)) from None
        turns = [
            (encode_piece(tokenizer, prompt, after=END_TOKEN if turn_index else "\n") if meta or turn_index
             else tokenizer(prompt, add_special_tokens=False)["input_ids"],  # a chat row starts at its template
             encode_piece(tokenizer, answer), turn_index)
            for turn_index, (prompt, answer) in enumerate(pieces)
        ]
        need = sum(len(p) + len(a) for p, a, _ in turns)
        if packed and (packed >= target or len(ids) + need + 1 > max_length):
            close()
        split = False
        for prompt, answer, turn_index in turns:
            room = max_length - 1 - len(ids)  # one place kept for the closing EOS
            if len(prompt) + len(answer) > room and len(ids) > len(meta):
                close()
                split = True
                room = max_length - 1 - len(ids)
            if len(prompt) + len(answer) > room:
                keep = room - len(prompt)
                if keep < 1:
                    stats.dropped.append((index, turn_index))
                    continue
                answer = answer[:keep]
                stats.truncated.append((index, turn_index))
            ids += prompt + answer
            labels += [IGNORE_INDEX] * len(prompt) + answer
        stats.split_dialogues += split
        packed += 1
    close()

    lengths = sorted(len(row_ids) for row_ids, _ in rows)
    stats.sequences = len(rows)
    stats.tokens = sum(lengths)
    stats.label_tokens = sum(sum(1 for x in row_labels if x != IGNORE_INDEX) for _, row_labels in rows)
    if lengths:
        pick = lambda q: float(lengths[min(len(lengths) - 1, int(q * len(lengths)))])  # noqa: E731
        stats.lengths = {"min": float(lengths[0]), "mean": stats.tokens / len(lengths), "p50": pick(0.5), "p95": pick(0.95), "max": float(lengths[-1])}
    return rows, stats


# --------------------------------------------------------------------------- saved datasets

DATASET_FILE, STATS_FILE, TOKENIZER_DIR = "dataset.jsonl", "stats.json", "tokenizer"


def save_dataset(out: str | Path, rows: Sequence[tuple[list[int], list[int]]], stats: DatasetStats, tokenizer: Any) -> Path:
    """`out/dataset.jsonl` (input_ids + labels per row), `out/stats.json`, and `out/tokenizer/`:
    the ids only mean something with the tokenizer that made them, so it travels with them."""
    out = Path(out)
    # Written beside the target and renamed into place: a crash or a bad input leaves the old dataset whole.
    with built_beside(out) as tmp:
        with (tmp / DATASET_FILE).open("w", encoding="utf-8") as handle:
            for input_ids, labels in rows:
                handle.write(json.dumps({"input_ids": input_ids, "labels": labels}) + "\n")
        (tmp / STATS_FILE).write_text(stats.model_dump_json(indent=2), encoding="utf-8")
        tokenizer.save_pretrained(str(tmp / TOKENIZER_DIR))
    return out


def check_dataset_files(path: Path) -> None:
    """A converted dataset's folder holds dataset.jsonl and stats.json (an adapter folder does not)."""
    if not (path / DATASET_FILE).exists() or not (path / STATS_FILE).exists():
        raise DataFormatError(path, None, f"not a converted dataset (needs {DATASET_FILE} and {STATS_FILE}; run `agent data convert`)")


def load_dataset(path: str | Path, vocab_size: int | None = None) -> tuple[list[tuple[list[int], list[int]]], DatasetStats]:
    """The rows and stats of a converted dataset; every row is checked (whole-number ids below
    `vocab_size`, labels -100 or an id, as many labels as ids), a bad one named by file and line."""
    path = Path(path)
    check_dataset_files(path)
    rows, lines = [], []
    for number, line in enumerate(_text_lines(path / DATASET_FILE, "convert the data again"), 1):
        if line.strip():
            try:
                record = json.loads(line)
                rows.append((list(record["input_ids"]), list(record["labels"])))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                why = f"not JSON ({exc.msg}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else "needs input_ids and labels"
                raise DataFormatError(path / DATASET_FILE, number, f"{why}; convert the data again") from None
            problem = _row_problem(*rows[-1], vocab_size)
            mask = record.get("attention_mask") if isinstance(record, dict) else None
            if problem is None and mask is not None and (not isinstance(mask, list) or len(mask) != len(rows[-1][0])):
                # another tool's mask that CuteKG would ignore (it masks padding itself)
                problem = f"attention_mask has {len(mask) if isinstance(mask, list) else 'no list of'} entries for {len(rows[-1][0])} input_ids"
            if problem:
                raise DataFormatError(path / DATASET_FILE, number, f"{problem}; convert the data again")
            lines.append(number)
    try:
        stats = DatasetStats.model_validate_json((path / STATS_FILE).read_text(encoding="utf-8"))
    except ValidationError as exc:  # the field and pydantic's words, not its dump and its web address
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        raise DataFormatError(path / STATS_FILE, None, f"not a stats file ({where}: {first['msg']}); convert the data again") from None
    except ValueError as exc:
        raise DataFormatError(path / STATS_FILE, None, f"not a stats file ({' '.join(str(exc).split())[:200]})") from None
    limit = getattr(stats, "max_length", None)
    for number, (ids, _) in zip(lines, rows):
        if isinstance(limit, int) and len(ids) > limit:
            raise DataFormatError(path / DATASET_FILE, number, f"{len(ids):,} tokens, more than the dataset's max_length {limit:,} "
                                                               f"({STATS_FILE}); convert the data again")
    return rows, stats


def _row_problem(ids: list, labels: list, vocab_size: int | None) -> str | None:
    """What is wrong with one (input_ids, labels) row, or None."""
    if len(ids) != len(labels):
        return f"{len(ids)} input_ids but {len(labels)} labels (one label per id)"
    for name, values in (("input_ids", ids), ("labels", labels)):
        for index, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int):
                return f"{name}[{index}] is {json.dumps(value)}, not a token id"
            if value == IGNORE_INDEX and name == "labels":
                continue
            if value < 0 or (vocab_size is not None and value >= vocab_size):
                top = f" (the dataset's tokenizer has {vocab_size} tokens: 0..{vocab_size - 1})" if vocab_size is not None else ""
                return f"{name}[{index}] is {value}, not a token id{top}"
    return None


def masked_rows(rows: Sequence[tuple[list[int], list[int]]]) -> int:
    """Rows with no label to learn: every label -100 (the first is never a target, as the
    model predicts each token from the ones before it)."""
    return sum(all(label == IGNORE_INDEX for label in labels[1:]) for _, labels in rows)


def dataset_fingerprint(path: str | Path) -> dict[str, Any]:
    """Size and SHA-256 of `path/dataset.jsonl`, so `--resume` notices a file edited in place.
    A hash rather than size + modification time: a copied dataset (another disk, rsync without -t)
    still matches, and an edit that keeps the size is still caught. It costs one read of the file,
    a small fraction of load_dataset's JSON parsing of every line."""
    import hashlib

    file = Path(path) / DATASET_FILE
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return {"bytes": file.stat().st_size, "sha256": digest.hexdigest()}


def collate(rows: Sequence[tuple[list[int], list[int]]], pad_id: int):
    """Right-pad a micro batch: pads get label -100 and attention 0, so they cost nothing."""
    import torch

    width = max(len(ids) for ids, _ in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE_INDEX, dtype=torch.long)
    attention = torch.zeros((len(rows), width), dtype=torch.long)
    for i, (ids, row_labels) in enumerate(rows):
        input_ids[i, : len(ids)] = torch.tensor(ids)
        labels[i, : len(ids)] = torch.tensor(row_labels)
        attention[i, : len(ids)] = 1
    return {"input_ids": input_ids, "labels": labels, "attention_mask": attention}
