"""`agent data synth|convert`, `agent train`, `agent export`: the fine-tuning commands.

cli.main registers `data_app` as `agent data` and `train`/`export` as commands. Options left out
fall back to training.config.TrainConfig's defaults (upstream CuteGPT's), so the defaults live in
one place.
"""

from __future__ import annotations

import contextlib
import errno
import inspect
import json
import os
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from cli.errors import fail, note, refuse_existing_file, refuse_input_as_output, user_errors
from cli.options import file_path, given_path, kg_source, typed_path

data_app = typer.Typer(
    help="Training data: synthesise planning trajectories from a KG, convert dialogues to token ids.",
    no_args_is_help=True,
)
out = Console()
err = Console(stderr=True)


def quiet_transformers() -> None:
    """The command draws its own progress; transformers' bars and warnings would interleave."""
    import transformers

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    quiet_warnings()


def quiet_warnings() -> None:
    """Deprecation notices of the libraries (transformers' is_gradient_checkpointing, attributed to
    whichever module called it), their advice about a model's odd settings (peft's fan_in_fan_out,
    transformers' "rope factor must be ≥ 1", a generation flag it ignores): nothing a user of the
    command can act on there. A setting that breaks the model is an error of its own, one line.
    transformers' logger is told through its variable: `agent ask` does not import it to start."""
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=UserWarning, module=r"(peft|transformers|torch)(\.|$)")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


Force = Annotated[bool, typer.Option("--force", "--overwrite", help="Replace a non-empty --out folder (the new one is "
                                                                      "written beside it first).")]


def refuse_existing(path: Path, force: bool, what: str, hint: str = "", first: tuple[str, ...] = ()) -> None:
    """Outputs never overwrite silently: a non-empty --out is refused unless --force, naming what is
    there (the names in `first` lead the list). A link, device or pipe is never replaced."""
    if path.is_symlink() or (path.exists() and not path.is_dir() and not path.is_file()):
        refuse_existing_file(path, force, "--out ", what="folder")  # refuses it, --force or not
    if path.exists() and (path.resolve() == Path.cwd().resolve() or path.resolve() in Path.cwd().resolve().parents):
        raise fail(f"--out {path} is the current folder or one above it; give the name of a folder to write")
    if force or not path.exists():
        return
    if not path.is_dir():
        raise fail(f"--out {path} is a file, not a folder")
    names = sorted((p.name + ("/" if p.is_dir() else "") for p in path.iterdir()), key=lambda n: (n not in first, n))
    if names:
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        raise fail(f"--out {path} already holds {what} ({shown}); {hint}--force replaces it")


# --------------------------------------------------------------------------- agent data synth


@data_app.command("synth")
def synth(
    out_path: Annotated[Path, typer.Argument(parser=file_path, help="Trajectories file to write (.jsonl, one per line).", metavar="OUT")],
    kg: Annotated[Optional[Path], typer.Option("--kg", parser=kg_source, help="KG file in any loader format; default: the bundled sample KG.")] = None,
    n: Annotated[int, typer.Option("--n", help="How many verified trajectories to aim for.")] = 100,
    seed: Annotated[int, typer.Option(help="Fixes sampling and wording: the same seed gives the same file.")] = 0,
    from_eval: Annotated[
        Optional[list[Path]], typer.Option("--from-eval", parser=given_path, help="`agent eval --out` files: their correct runs are added as trajectories.")
    ] = None,
    dialogues: Annotated[
        Optional[Path], typer.Option("--dialogues", parser=file_path, help="Also write CuteGPT dialogues (.pkl upstream layout, or .jsonl).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", "--overwrite", help="Replace an existing OUT (and --dialogues) file.")] = False,
) -> None:
    """Sample facts from a KG, word questions of seven kinds (1-hop, inverse, 2-hop, relationship,
    introduction, compound with a pronoun, no-knowledge), write the gold plan for each in the
    planning prompt's style, and keep only plans whose code returns the gold answer in the sandbox.

    Example: agent data synth traj.jsonl --kg my_kg.tsv --n 2000 --dialogues ift_data.pkl
    """
    if n < 1:
        raise fail(f"--n {n}: give at least 1 (how many trajectories to write)")
    inputs = [kg, *(from_eval or [])]
    refuse_input_as_output(out_path, *inputs, label="OUT")
    if dialogues is not None:
        if dialogues.resolve() == out_path.resolve():
            raise fail(f"--dialogues {dialogues} is OUT too: give the trajectories and the dialogues two files")
        refuse_input_as_output(dialogues, *inputs, label="--dialogues")
    for path, label in ((out_path, ""), (dialogues, "--dialogues ")):
        if path is not None:
            refuse_existing_file(path, force, label)
    with user_errors():
        from kg import load_kg, load_sample_kg
        from training.data import trajectory_dialogues, write_dialogues
        from agent.evaluate import read_records
        from training.files import write_atomically
        from training.synthesize import synthesize, trajectories_from_eval, write_trajectories

        graph = load_sample_kg() if kg is None else load_kg(kg)
        with _synth_progress(n) as on_draft:
            report = synthesize(graph, n, seed=seed, on_draft=on_draft)
        trajectories = report.trajectories
        for path in from_eval or []:
            known = {t.question for t in trajectories}
            trajectories += [t for t in trajectories_from_eval(_eval_records(path, read_records)) if t.question not in known]
        # The pair is written whole or not at all: the dialogues first, taken back if OUT then fails
        # (a nearly full disk kept OUT written and said only that the dialogues failed).
        before = dialogues.read_bytes() if dialogues is not None and dialogues.is_file() else None
        if dialogues is not None:
            write_dialogues(trajectory_dialogues(trajectories), dialogues)
        try:
            write_trajectories(trajectories, out_path)
        except BaseException:
            if dialogues is not None:
                with contextlib.suppress(OSError):
                    write_atomically(dialogues, before) if before is not None else dialogues.unlink()
            raise
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(report.by_kind().items()))
    out.print(f"wrote {len(trajectories)} trajectories to {out_path} ({kinds}; {len(trajectories) - len(report.trajectories)} from eval)")
    out.print(f"drafts tried {report.attempts}, rejected: {report.rejected or 'none'}", highlight=False)
    if len(report.trajectories) < n:
        note(f"the graph gave {len(report.trajectories)} distinct verified trajectories, fewer than --n {n}")


SYNTH_LOG_EVERY_S = 10.0
"""Without a terminal, `agent data synth` writes a progress line at most this often: a long run is never silent."""


@contextmanager
def _synth_progress(n: int) -> Iterator[Callable[[int, int], None]]:
    """A bar of verified trajectories on a terminal (as `agent train` draws), else a line now and then."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("[bold]synth"), BarColumn(), MofNCompleteColumn(), TextColumn("drafts {task.fields[drafts]:,}"),
                        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("synth", total=n, drafts=0)
    start = last_line = time.monotonic()

    def on_draft(kept: int, drafts: int) -> None:
        nonlocal last_line
        if err.is_terminal:
            progress.update(task, completed=kept, drafts=drafts)
        elif time.monotonic() - last_line >= SYNTH_LOG_EVERY_S:
            last_line = time.monotonic()
            err.print(f"synth: {kept:,} of {n:,} trajectories verified, {drafts:,} drafts tried · {last_line - start:.0f} s", highlight=False)

    with progress:
        yield on_draft


def _eval_records(path: Path, read_records):
    """The records of an `agent eval --out` file; a questions file (eval's input) given instead is named as one."""
    from agent.evaluate import EvalFileError

    try:
        return read_records(path)
    except EvalFileError as error:
        if not path.is_file():  # a pipe: read once already refused, never again
            raise
        try:
            first = json.loads(next(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()))
        except (OSError, UnicodeDecodeError, ValueError, StopIteration):
            raise error from None
        if isinstance(first, dict) and isinstance(first.get("question"), str):
            raise fail(f"--from-eval {path} holds questions, not `agent eval --out` records: run "
                       f"`agent eval {path} --out RECORDS.jsonl` and give --from-eval RECORDS.jsonl") from None
        raise


# --------------------------------------------------------------------------- agent data convert


@data_app.command("convert")
def convert(
    input_path: Annotated[Path, typer.Argument(parser=given_path, help="Dialogues (.pkl or .jsonl) or trajectories (.jsonl from `agent data synth`).", metavar="INPUT")],
    tokenizer: Annotated[Path, typer.Option("--tokenizer", parser=given_path, help="Model or tokenizer directory whose ids to write.")],
    out_dir: Annotated[Path, typer.Option("--out", parser=typed_path, help="Dataset folder to write (dataset.jsonl, stats.json, tokenizer/).")],
    max_length: Annotated[int, typer.Option(help="Tokens per row; upstream convert_data.py uses 2048.")] = 2048,
    pack_max: Annotated[int, typer.Option(help="Pack 1..N dialogues per row as upstream (random.randint(1, 10)); 1 disables packing.")] = 10,
    seed: Annotated[int, typer.Option(help="Fixes the shuffle and pack sizes; upstream seed 10.")] = 10,
    end_token: Annotated[
        str, typer.Option(help="auto: <end> as one token if the tokenizer has it, else as text (LoRA); special: add it (full fine-tuning); text.")
    ] = "auto",
    instruction: Annotated[
        str, typer.Option(help="prompt: trajectories get the full planning prompt (what `agent ask` sends); question: the bare question (toy models).")
    ] = "prompt",
    lang: Annotated[str, typer.Option(help="Planning prompt language for trajectories: zh or en.")] = "zh",
    template: Annotated[str, typer.Option(help="auto (CuteGPT's for CuteGPT tokenizers, else the tokenizer's chat_template), cutegpt or chat: the same as `agent ask --template`.")] = "auto",
    bos: Annotated[bool, typer.Option(help="Start rows with <s>. Off: upstream CuteGPT trains and serves without it (llm.template.ADD_BOS).")] = False,
    force: Force = False,
) -> None:
    """Render dialogues in CuteGPT's template (问：…\\n答：\\n), pack several per row, append <end>
    to every answer, mask everything but the answers (-100), and fit rows into --max-length.
    Nothing is lost silently: truncated and dropped samples are counted in stats.json.

    Example: agent data convert traj.jsonl --tokenizer models/cutegpt --out data/plans
    """
    if end_token not in ("auto", "special", "text") or instruction not in ("prompt", "question"):
        raise fail("--end-token is auto|special|text and --instruction prompt|question")
    if lang not in ("zh", "en"):
        raise fail(f"--lang {lang}: the planning prompt exists in zh and en")
    if max_length < 1:
        raise fail(f"--max-length {max_length}: a row holds at least 1 token")
    if pack_max < 1:
        raise fail(f"--pack-max {pack_max}: at least 1 dialogue per row (1 disables packing)")
    refuse_input_as_output(out_dir, input_path, tokenizer)
    refuse_existing(out_dir, force, "a dataset", first=("dataset.jsonl", "stats.json"))
    with user_errors():
        quiet_transformers()
        from training.data import encode_dialogues, prepare_tokenizer, read_any, save_dataset, training_template

        dialogues = read_any(input_path, instruction, lang)  # type: ignore[arg-type]
        tok, special = prepare_tokenizer(tokenizer, end_token)  # type: ignore[arg-type]
        rows, stats = encode_dialogues(dialogues, tok, max_length=max_length, pack_max=pack_max, seed=seed,
                                       end_token_special=special, add_bos=bos, template=training_template(template, tok))
        if not rows:  # an empty dataset would only fail later, in `agent train`
            if not stats.dropped:
                raise fail(f"{input_path}: its dialogues hold no turns; nothing written")
            raise fail(f"all {len(stats.dropped)} samples of {input_path} were dropped: each prompt alone is longer than "
                       f"--max-length {max_length} tokens; raise --max-length (nothing written)")
        save_dataset(out_dir, rows, stats, tok)
    lengths = ", ".join(f"{k} {v:.0f}" for k, v in stats.lengths.items())
    out.print(f"{stats.samples} samples from {stats.dialogues} dialogues → {stats.sequences} rows in {out_dir}")
    out.print(f"tokens {stats.tokens} (answers {stats.label_tokens}); row length {lengths}")
    out.print(f"<end> {'is one token' if special else 'is written as text'}")
    if stats.truncated or stats.dropped:
        note(f"{len(stats.truncated)} samples truncated, {len(stats.dropped)} dropped "
             f"(longer than --max-length {max_length}); see {out_dir / 'stats.json'}")


# --------------------------------------------------------------------------- agent train


def train(
    model: Annotated[Optional[Path], typer.Option("--model", parser=given_path, help="Base model directory (CuteGPT or any Llama).")] = None,
    data: Annotated[Optional[Path], typer.Option("--data", parser=given_path, help="Dataset folder from `agent data convert`.")] = None,
    output_dir: Annotated[Optional[Path], typer.Option("--out", parser=typed_path, help="Where the adapter/model, metrics and checkpoints go.")] = None,
    method: Annotated[Optional[str], typer.Option(help="lora (default, upstream --use_lora) or full.")] = None,
    lora_r: Annotated[Optional[int], typer.Option(help="LoRA rank; upstream 8, at most 8192.")] = None,
    lora_alpha: Annotated[Optional[int], typer.Option(help="LoRA alpha; upstream 16.")] = None,
    lora_dropout: Annotated[Optional[float], typer.Option(help="LoRA dropout; upstream 0.05.")] = None,
    lora_target: Annotated[Optional[list[str]], typer.Option(help="Modules to adapt (repeat); upstream q_proj v_proj.")] = None,
    lora_from: Annotated[Optional[Path], typer.Option(parser=given_path, help="Continue training this saved adapter.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue a crashed run from its newest checkpoint in --out.")] = False,
    epochs: Annotated[Optional[int], typer.Option(help="Passes over the data; upstream 5.")] = None,
    max_steps: Annotated[Optional[int], typer.Option(help="Stop after this many optimizer steps.")] = None,
    micro_batch_size: Annotated[Optional[int], typer.Option(help="Rows per forward pass; upstream 2.")] = None,
    gradient_accumulation_steps: Annotated[Optional[int], typer.Option("--grad-accum", help="Micro batches per optimizer step (gradient_accumulation_steps); upstream 8.")] = None,
    learning_rate: Annotated[Optional[float], typer.Option(help="Peak rate; upstream 3e-4 after warm-up.")] = None,
    warmup_steps: Annotated[Optional[int], typer.Option(help="Warm-up from 1e-4; upstream 300.")] = None,
    lr_schedule: Annotated[Optional[str], typer.Option(help="constant (upstream) or cosine after warm-up.")] = None,
    save_steps: Annotated[Optional[int], typer.Option(help="Checkpoint every N steps; upstream 1000.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Data order, dropout, adapter init; upstream 10.")] = None,
    device: Annotated[Optional[str], typer.Option(help="auto, cpu or cuda.")] = None,
    dtype: Annotated[Optional[str], typer.Option(help="auto (bf16 on GPU, fp32 on CPU), float32, bfloat16, float16.")] = None,
    attn_implementation: Annotated[Optional[str], typer.Option(help="auto (sdpa), eager, sdpa, flash_attention_2.")] = None,
    gradient_checkpointing: Annotated[Optional[bool], typer.Option("--gradient-checkpointing", help="Trade ~30% speed for much less memory (off unless given or set in --config).")] = None,
    deepspeed: Annotated[Optional[str], typer.Option(help="zero1|zero2|zero3 (bundled bf16 configs) or a DeepSpeed JSON; needs CUDA.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", parser=given_path, help="A TrainConfig JSON; options given here override it.")] = None,
    force: Force = False,
) -> None:
    """Fine-tune CuteGPT (or any Llama model) on a converted dataset.

    LoRA trains a small adapter on q_proj/v_proj (upstream defaults); --method full updates every
    weight and needs data converted with --end-token special. Checkpoints are atomic; --resume
    picks up the newest one exactly (weights, optimizer, schedule, data position, RNG).
    One process on the CPU or a GPU; several GPUs through DeepSpeed ZeRO (the launcher runs the
    `agent` script once per GPU), e.g.
      deepspeed --num_gpus 8 $(which agent) train --deepspeed zero2 ...
      accelerate launch --num_processes 8 $(which agent) train --deepspeed zero2 ...
    """
    from training.config import LoraSettings, TrainConfig

    with user_errors():
        try:
            values: dict[str, Any] = json.loads(config.read_text(encoding="utf-8")) if config else {}
        except json.JSONDecodeError as exc:
            raise fail(f"{config}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise fail(f"{config}: nested too deep to be a settings file") from None
    if not isinstance(values, dict):
        raise fail(f"{config}: a JSON {_json_kind(values)}, not an object of settings ({{\"model\": …, \"data\": …}})")
    if not isinstance(values.get("lora", {}), dict):
        raise fail(f"lora in {config}: a JSON {_json_kind(values['lora'])}, not an object of LoRA settings ({{\"r\": 8, …}})")
    given = {"model": model, "data": data, "output_dir": output_dir, "method": method, "lora_from": lora_from,
             "epochs": epochs, "max_steps": max_steps, "micro_batch_size": micro_batch_size,
             "gradient_accumulation_steps": gradient_accumulation_steps, "learning_rate": learning_rate,
             "warmup_steps": warmup_steps, "lr_schedule": lr_schedule, "save_steps": save_steps, "seed": seed,
             "device": device, "dtype": dtype, "attn_implementation": attn_implementation,
             "gradient_checkpointing": gradient_checkpointing, "deepspeed": deepspeed}
    for option, path in (("--model", model), ("--data", data), ("--out", output_dir), ("--lora-from", lora_from)):
        if path is not None and not _utf8(str(path)):  # the run record is JSON: it cannot name a non-UTF-8 path
            raise fail(f"{option} {str(path).encode('utf-8', 'surrogateescape')!r}: not UTF-8; the run record cannot "
                       "name it — choose a UTF-8 name")
    if deepspeed is not None and not deepspeed.strip():  # --deepspeed '' was a plain run, silently
        raise fail("--deepspeed '': give zero1, zero2, zero3 or a DeepSpeed JSON file, or leave the option out")
    if resume and (output_dir or values.get("output_dir")) is not None:
        _refuse_no_run(Path(output_dir or values["output_dir"]))
    if resume and output_dir is not None:
        # options (and --config keys) left out keep the run's own values
        from_config = set(values)
        values = _recorded_config(output_dir) | values
        for name, option in (("model", "--model"), ("data", "--data")):
            recorded = values.get(name)
            if given.get(name) is None and name not in from_config and recorded is not None and not Path(recorded).exists():
                raise fail(f"--resume: the run's {option} {os.path.relpath(recorded)} (from {output_dir / 'cutekg_training.json'}) "
                           f"no longer exists; give {option}")
    values |= {k: v for k, v in given.items() if v is not None}
    if resume:
        values["resume"] = True
    lora = {"r": lora_r, "alpha": lora_alpha, "dropout": lora_dropout, "target_modules": lora_target or None}
    typed_lora = [f"--lora-{'target' if key == 'target_modules' else key}" for key, value in lora.items() if value is not None]
    if values.get("method") == "full" and typed_lora:  # full fine-tuning has no adapter for them to shape
        raise fail(f"{', '.join(typed_lora)}: LoRA settings, but --method full trains every weight and makes no adapter; "
                   "leave them out or use --method lora")
    values["lora"] = _validated(LoraSettings, {**values.get("lora", {}), **{k: v for k, v in lora.items() if v is not None}}, "lora", config)
    missing = [f"--{name.replace('_dir', '').replace('output', 'out')}" for name in ("model", "data", "output_dir") if name not in values]
    if missing:
        raise fail(f"missing {', '.join(missing)} (or give them in --config)")
    run = _validated(TrainConfig, values, config=config)
    # The run holds absolute paths (its record is read from other folders); messages say them as typed.
    typed = {name: Path(values[name]) if values.get(name) is not None else None for name in ("model", "data", "output_dir", "lora_from")}
    refuse_input_as_output(typed["output_dir"], typed["model"], typed["data"], typed["lora_from"])
    if not run.resume:
        refuse_existing(typed["output_dir"], force, "a training run", "--resume continues it, ",
                        first=("cutekg_training.json", "metrics.jsonl", "checkpoints/"))
    with user_errors({getattr(run, name): given for name, given in typed.items() if given is not None}):
        quiet_transformers()
        _run_training(run, shown=typed["output_dir"])


def _json_kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "true/false", int: "number", float: "number"}.get(type(value), "null")


_OPTION_OF = {"output_dir": "--out", "gradient_accumulation_steps": "--grad-accum"}


def _validated(settings, values: dict[str, Any], prefix: str = "", config: Path | None = None):
    """`settings(**values)`, a bad value named by the option that sets it (--lora-r, --out), with
    the field's name in a --config file beside it; a key no option sets is named as the config file's."""
    from pydantic import ValidationError

    try:
        return settings(**values)
    except ValidationError as error:
        first = error.errors()[0]
        message = first["msg"].removeprefix("Value error, ")  # pydantic's prefix for a validator's ValueError
        if not first["loc"]:  # a check across fields says which ones itself
            raise fail(message) from None
        field = ".".join([prefix] * bool(prefix) + [str(part) for part in first["loc"]])
        if first["type"] == "extra_forbidden":  # only a config file (or a run record) holds keys no option has
            known = ", ".join(settings.model_fields)
            raise fail(f"{field} in {config or 'the run record'}: unknown setting; the settings are {known}") from None
        name = field.replace(".", "_")
        if name not in _OPTION_OF and name not in inspect.signature(train).parameters:  # adam_betas.0: no option sets it
            raise fail(f"{field} in {config or 'the run record'}: {message}") from None
        option = _OPTION_OF.get(name, "--" + name.replace("_", "-"))
        raise fail(f"{option} ({field} in --config): {message}") from None


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a byte such as \xff, kept by the file system decoder as a lone surrogate
        return False
    return True


def _refuse_no_run(output_dir: Path) -> None:
    """--resume into a folder that holds no run (a typo, most often) says so, not what it lacks."""
    from training.finetune import CHECKPOINTS, RUN_FILE

    if not output_dir.is_dir():
        raise fail(f"--resume: there is no run to resume in {output_dir} (no such folder); check --out")
    if not (output_dir / RUN_FILE).is_file() and not (output_dir / CHECKPOINTS).is_dir():
        raise fail(f"--resume: there is no run to resume in {output_dir} (no {RUN_FILE}, no {CHECKPOINTS}/); check --out")


def _recorded_config(output_dir: Path) -> dict[str, Any]:
    from training.finetune import read_run_record

    with user_errors():
        record = read_run_record(output_dir) or {}
    values = dict(record.get("config") or {})
    values.pop("output_dir", None)
    return values


def _run_training(run, shown: Path) -> None:
    from training.files import disk_full, replace_dir, staging_dir
    from training.finetune import CHECKPOINTS

    final = run.output_dir
    # --force on a full folder: train beside it and swap at the end, so a failed run keeps the old one.
    staged = not run.resume and final.is_dir() and any(final.iterdir())
    if staged:
        run = run.model_copy(update={"output_dir": staging_dir(final)})
    existed = final.exists()
    try:
        result = _train_with_progress(run)
    except BaseException as error:
        import shutil

        if staged:  # the old run stays as it was; the half-written new one goes
            shutil.rmtree(run.output_dir, ignore_errors=True)
        elif not existed and not run.resume and not (final / CHECKPOINTS).is_dir():
            shutil.rmtree(final, ignore_errors=True)  # a run that began the folder and saved no checkpoint leaves nothing
        if disk_full(error) or (isinstance(error, OSError) and error.filename is None):  # a full disk while saving: say where
            if not existed and not run.resume:
                shutil.rmtree(final, ignore_errors=True)  # what this run began there is of no use
            number = error.errno if isinstance(error, OSError) else errno.ENOSPC
            raise OSError(number, os.strerror(number), str(shown)) from None
        raise
    if staged:
        replace_dir(run.output_dir, final)
        _record_output_dir(final)
    resumed = f" (resumed from {result.resumed_from.name})" if result.resumed_from else ""
    last = f", last loss {result.losses[-1]:.4f}" if result.losses else ""
    out.print(f"trained {result.steps} steps{resumed}{last}; saved to {shown}")
    if result.masked_rows:
        note(f"{result.masked_rows} rows of {run.data} have every label masked (-100) and taught the model nothing")


def _record_output_dir(final: Path) -> None:
    """The run record names the folder the run now lives in, not the one it was staged in."""
    from training.finetune import RUN_FILE

    record = json.loads((final / RUN_FILE).read_text(encoding="utf-8"))
    record["config"]["output_dir"] = str(final)
    (final / RUN_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")


LOG_EVERY_S = 30.0
"""Without a terminal, `agent train` writes a progress line at most this often (and at the end)."""


def _train_with_progress(run):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from training.finetune import train as train_run

    # Drawn from the first step on, so a setup error stays the one line it is.
    progress = Progress(TextColumn("[bold]train"), BarColumn(), MofNCompleteColumn(), TextColumn("loss {task.fields[loss]}"),
                        TimeRemainingColumn(), console=err, transient=False)
    task = progress.add_task("train", total=None, loss="-")

    last_line = [-LOG_EVERY_S]

    def on_log(log) -> None:
        if not err.is_terminal:  # a log file or CI: no bar to redraw, so a plain line now and then
            if log.elapsed_s - last_line[0] >= LOG_EVERY_S or log.step == log.total_steps:
                last_line[0] = log.elapsed_s
                err.print(f"train step {log.step}/{log.total_steps} · epoch {log.epoch} · loss {log.loss:.4f} · "
                          f"lr {log.learning_rate:.2e} · {log.elapsed_s:.0f} s", highlight=False)
            return
        progress.start()
        progress.update(task, total=log.total_steps, completed=log.step, loss=f"{log.loss:.4f}")

    try:
        return train_run(run, on_log=on_log)
    finally:
        if progress.live.is_started:  # stopping a bar never drawn prints an empty line before the error
            progress.stop()


# --------------------------------------------------------------------------- agent export


EXPORT_DTYPES = ("float32", "bfloat16", "float16")


def export(
    adapter: Annotated[Path, typer.Argument(parser=given_path, help="A LoRA adapter directory written by `agent train`.")],
    out_dir: Annotated[Path, typer.Option("--out", parser=typed_path, help="Where to write the merged model.")],
    base: Annotated[Optional[Path], typer.Option("--base", parser=given_path, help="Base model; default: the path in adapter_config.json.")] = None,
    merge: Annotated[bool, typer.Option("--merge/--no-merge", help="Fold the adapter into the base weights (the only export today).")] = True,
    dtype: Annotated[str, typer.Option(help="Weights dtype to save: float32, bfloat16 or float16.")] = "float32",
    force: Force = False,
) -> None:
    """Merge a LoRA adapter into its base model: the result loads with plain `--model DIR`,
    needs no peft at inference, and runs as fast as the base.

    Example: agent export runs/plans --merge --out models/cutegpt-plans
    """
    if not merge:
        raise fail("export without --merge has nothing to do: the adapter directory already loads with --lora")
    if dtype not in EXPORT_DTYPES:
        raise fail(f"--dtype {dtype}: choose one of {', '.join(EXPORT_DTYPES)}")
    refuse_input_as_output(out_dir, adapter, base)
    refuse_existing(out_dir, force, "files")
    with user_errors():
        quiet_transformers()
        from training.export import export as export_run

        path = export_run(adapter, out_dir, base, dtype)
    out.print(f"merged {adapter} into {path}")
