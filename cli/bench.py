"""`agent bench ceval|xiezhi`: did a fine-tune cost the model its general knowledge?

This module prints; the library (llm.knowledge_eval) raises, and the errors a user can fix (a bad
data file, a bad model directory) become one line on stderr with exit code 2.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from cli.errors import check_output_file, records_beside, refuse_input_as_output, user_errors
from cli.options import file_path, given_path

app = typer.Typer(
    help="Knowledge benchmarks from CuteGPT's README, on local data: C-Eval (accuracy) and Xiezhi (MRR over 50 options).\n\n"
    "Run a base model and its fine-tune in one go with --vs to see what the fine-tune cost.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True)

Model = Annotated[Path, typer.Option("--model", parser=given_path, help="Model directory (Hugging Face format), or a LoRA adapter directory that names its base.")]
Lora = Annotated[Optional[Path], typer.Option("--lora", parser=given_path, help="LoRA adapter applied on --model.")]
Versus = Annotated[
    Optional[Path], typer.Option("--vs", parser=given_path, help="A second model (or adapter directory) scored on exactly the same prompts; prints B − A.")
]
Limit = Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N questions (per subject for C-Eval): a quick look.")]
OutFile = Annotated[Optional[Path], typer.Option("--out", parser=file_path, help="Write one JSON record per question and model here (JSONL).")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Rows per forward pass (prompts, then options). Lower it if memory runs out.")]
def _device(text: str) -> str:
    """auto, cpu, cuda or cuda:N; anything else (tpu, mps) is refused before a model loads."""
    if not re.fullmatch(r"auto|cpu|cuda(:\d+)?", text):
        raise typer.BadParameter(f"{text!r}: choose auto, cpu, cuda or cuda:N (a GPU's number)")
    return text


Device = Annotated[str, typer.Option("--device", parser=_device, help="auto (a CUDA GPU when there is one), cpu, cuda, cuda:1, …")]
Force = Annotated[bool, typer.Option("--force", "--overwrite", help="Replace an existing --out file.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the reports as JSON instead of tables.")]


def _models(model: Path, lora: Path | None, vs: Path | None) -> list[tuple[Path, Path | None]]:
    """The runs to make; every directory checked now, not after the first model's hour of scoring."""
    from llm.base import ModelLoadError
    from llm.model_folder import check_config, check_weights, folder_problem, resolve_paths

    specs = [(model, lora)] + ([(vs, None)] if vs is not None else [])
    for path, what in ((model, "a model folder"), (lora, "a LoRA adapter folder"), (vs, "a model folder")):
        if path is not None and (problem := folder_problem(path.expanduser(), what)):
            raise ModelLoadError(problem)
    for spec in specs:  # config.json, tokenizer files, the adapter's base: all read before any weights
        base, adapter, config = resolve_paths(*spec)
        check_config(base, config)
        for folder in (base, adapter):
            if folder is not None:
                check_weights(folder)
        if adapter is not None and (adapter / "adapter_model.bin").is_file() and not (adapter / "adapter_model.safetensors").is_file():
            _check_pickle(adapter)  # a small file: refused now, not after the first model's hour of scoring
    return specs


def _check_pickle(adapter: Path) -> None:
    import pickle

    import torch

    from llm.base import ModelLoadError, pickle_problem

    try:
        torch.load(adapter / "adapter_model.bin", map_location="cpu", weights_only=True)
    except (pickle.UnpicklingError, EOFError, RuntimeError) as error:
        raise ModelLoadError(f"cannot load the adapter weights in {adapter}: {pickle_problem(error)}") from None


def _load(model: Path, lora: Path | None, device: str) -> Any:
    from llm.hf_runtime import HFRuntime

    return HFRuntime.load(model, lora_path=lora, device=None if device == "auto" else device)


def _release(runtime: Any) -> None:
    """Drop a model before the next loads: two 13B models need not fit at once."""
    import torch

    del runtime.model
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def _progress(label: str, total: int, quiet: bool) -> Progress:
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[score]}"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    return Progress(*columns, console=err, disable=quiet)


def _check_out(out_path: Path | None, force: bool, *inputs: Path | None) -> None:
    """--out is a new file (or --force), never a folder, a link or a device, never one of the inputs."""
    if out_path is not None:
        refuse_input_as_output(out_path, *inputs)
        check_output_file(out_path, force, make_folder=True)  # _each_model makes the folder


def _each_model(specs, device: str, total: int, quiet: bool, out_path: Path | None, run: Callable, score: Callable[[list], str]) -> list[tuple[str, list]]:
    """Load each model in turn and run it with a progress bar showing `score` of the records so far.
    Records go to a side file as they come, renamed over `out_path` when every model is done: a run
    stopped half-way keeps what it scored beside an --out left as it was."""
    with records_beside(out_path) as handle:
        return _run_models(specs, device, total, quiet, handle, run, score)


def _run_models(specs, device: str, total: int, quiet: bool, handle: Any, run: Callable, score: Callable[[list], str]) -> list[tuple[str, list]]:
    """Each model in turn: loaded, run with its progress bar, its records written to `handle`, released."""
    from cli.training import quiet_transformers

    quiet_transformers()  # "Token indices sequence length is longer…" on a long question: the scores say it
    results = []
    for model, lora in specs:
        with user_errors():
            runtime = _load(model, lora, device)
        seen: list = []
        with _progress(runtime.name, total, quiet) as progress:
            task = progress.add_task(runtime.name, total=total, score="")

            def on_record(record: Any) -> None:
                seen.append(record)
                progress.update(task, advance=1, score=score(seen))
                if handle is not None:
                    handle.write(record.model_dump_json() + "\n")
                    handle.flush()

            with user_errors():
                records = run(runtime, on_record)
        results.append((runtime.name, records))
        _release(runtime)
    return results


def _names(results: list[tuple[str, list]]) -> list[str]:
    names = [name for name, _ in results]
    return names if len(set(names)) == len(names) else [f"{label}: {name}" for label, name in zip("AB", names)]


@app.command()
def ceval(
    model: Model,
    data: Annotated[Path, typer.Option("--data", parser=given_path, help="C-Eval folder: subject_mapping.json beside dev/, val/, test/ (the official archive).")],
    lora: Lora = None,
    vs: Versus = None,
    shots: Annotated[int, typer.Option("--shots", min=0, max=5, help="Few-shot examples from dev/ (C-Eval reports 0 and 5).")] = 0,
    split: Annotated[str, typer.Option("--split", help="val (answers public: a table) or test (a leaderboard submission file).")] = "val",
    limit: Limit = None,
    out_path: OutFile = None,
    force: Force = False,
    batch_size: BatchSize = 8,
    device: Device = "auto",
    as_json: AsJson = False,
) -> None:
    """C-Eval accuracy per category (STEM, Social Science, Humanities, Other), Average and C-Eval Hard, the table CuteGPT's README leads with.

    Each question is shown in the model's template (CuteGPT's 问：/答：, or the tokenizer's chat template) after C-Eval's instruction and --shots solved dev examples; the answer is the letter A–D the model finds most likely next (C-Eval's answer-only protocol). Averages are over subjects, as C-Eval's own.

    The test split's answers are not public: there --out is required, and the file cevalbenchmark.com takes is written beside it (OUT.submission.json; with --vs also OUT.vs.submission.json).

    Examples:\n
      agent bench ceval --model ~/models/cutegpt-13b-ift --data ~/data/ceval\n
      agent bench ceval --model ~/models/cutegpt-13b-base --vs runs/my-lora --data ~/data/ceval --shots 5\n
      agent bench ceval --model runs/my-lora --data ~/data/ceval --split test --out runs/ceval-test.jsonl
    """
    from llm.knowledge_eval import ceval as bench
    from llm.knowledge_eval.metrics import ceval_report, submission
    from llm.knowledge_eval.records import BenchDataError
    from llm.knowledge_eval.run import run_ceval

    _check_out(out_path, force, data, model, lora, vs)
    with user_errors():
        if split == "test" and out_path is None:
            raise BenchDataError(data / "test", None, "the test split has no public answers: pass --out FILE to write the records and the submission")
        dataset = bench.load_ceval(data, split, shots, limit)
    total = sum(len(questions) for questions in dataset.questions.values())

    def run(runtime: Any, on_record: Callable) -> list:
        return run_ceval(runtime.model, runtime.tokenizer, dataset, name=runtime.name, batch_size=batch_size, on_record=on_record)

    def running(seen: list) -> str:
        answered = [record.correct for record in seen if record.correct is not None]
        return f"acc {sum(answered) / len(answered):.1%}" if answered else ""

    with user_errors():
        specs = _models(model, lora, vs)
    results = _each_model(specs, device, total, as_json, out_path, run, running)
    if split == "test":
        for suffix, (_, records) in zip((".submission.json", ".vs.submission.json"), results):
            path = out_path.with_name(out_path.stem + suffix)
            path.write_text(json.dumps(submission(records), ensure_ascii=False, indent=1), encoding="utf-8")
            err.print(f"wrote {path}")
        return
    reports = [ceval_report(records) for _, records in results]
    if as_json:
        print(json.dumps([report.model_dump() for report in reports], ensure_ascii=False, indent=2))
        return
    from cli.bench_tables import ceval_table
    from llm.knowledge_eval.metrics import paired_ceval

    out.print(ceval_table(reports, _names(results)))
    if len(results) == 2:
        only_a, only_b = paired_ceval(results[0][1], results[1][1])
        out.print(f"questions only A gets right: {only_a}, only B: {only_b} (of {total})")


@app.command()
def xiezhi(
    model: Model,
    data: Annotated[Path, typer.Option("--data", parser=given_path, help="A Xiezhi question file (one JSON object a line: question, options, answer, labels).")],
    lora: Lora = None,
    vs: Versus = None,
    shots: Annotated[int, typer.Option("--shots", min=0, max=5, help="Solved examples before the question (Xiezhi reports 0, 1 and 3).")] = 0,
    examples: Annotated[Optional[Path], typer.Option("--examples", parser=given_path, help="Question file the shots come from (default: other questions of --data).")] = None,
    taxonomy: Annotated[
        Optional[Path], typer.Option("--taxonomy", parser=given_path, help="Xiezhi's discipline tree, e.g. subjects_tree_chn.json: places finer labels under their 门类.")
    ] = None,
    norm: Annotated[str, typer.Option("--norm", help="token: mean log-probability per token (default); char: per character; sum: none.")] = "token",
    lang: Annotated[str, typer.Option("--lang", help="Prompt language: auto (from the questions), zh or en.")] = "auto",
    limit: Limit = None,
    out_path: OutFile = None,
    force: Force = False,
    batch_size: BatchSize = 16,
    device: Device = "auto",
    seed: Annotated[int, typer.Option("--seed", help="Draws the 46 unrelated options, their order and the shots; kept in every record.")] = 0,
    as_json: AsJson = False,
) -> None:
    """Xiezhi MRR: every question ranked against 50 options by the model's probability of answering with each.

    The 50 are the answer, the question's 3 other options and 46 drawn from all options in the file, seeded per question, so --limit and reruns show the same ones. An option's score is the log-probability of the whole answer turn (the option, then the end of the turn) divided by its tokens (--norm token): a plain sum favours short options.

    MRR is the mean of 1/rank of the answer (random ranking: 0.090), printed overall and per first-level discipline (门类) with accuracy@1.

    Examples:\n
      agent bench xiezhi --model ~/models/cutegpt-13b-ift --data xiezhi_spec_chn/xiezhi.v1.json\n
      agent bench xiezhi --model BASE --vs runs/my-lora --data xiezhi_inter_chn/xiezhi.v1.json --shots 3
    """
    from llm.knowledge_eval import xiezhi as bench
    from llm.knowledge_eval.metrics import xiezhi_report
    from llm.knowledge_eval.records import BenchDataError
    from llm.knowledge_eval.run import NORMS, run_xiezhi

    _check_out(out_path, force, data, examples, taxonomy, model, lora, vs)
    with user_errors():
        if norm not in NORMS:
            raise BenchDataError(data, None, f"--norm {norm!r}: choose one of {', '.join(NORMS)}")
        if lang not in ("auto", "zh", "en"):
            raise BenchDataError(data, None, f"--lang {lang!r}: choose auto, zh or en")
        questions = bench.read_questions(data)
        items = bench.build_options(questions, seed)[:limit]
        pool = bench.read_questions(examples) if examples else questions
        levels = bench.read_taxonomy(taxonomy) if taxonomy else None
    language = bench.language(questions) if lang == "auto" else lang

    def run(runtime: Any, on_record: Callable) -> list:
        return run_xiezhi(
            runtime.model, runtime.tokenizer, items, name=runtime.name, examples=pool, shots=shots, seed=seed,
            lang=language, norm=norm, batch_size=batch_size, on_record=on_record,
        )

    def running(seen: list) -> str:
        return f"MRR {sum(1 / record.rank for record in seen) / len(seen):.3f}"

    with user_errors():
        specs = _models(model, lora, vs)
    results = _each_model(specs, device, len(items), as_json, out_path, run, running)
    reports = [xiezhi_report(records, levels) for _, records in results]
    if as_json:
        print(json.dumps([report.model_dump() for report in reports], ensure_ascii=False, indent=2))
        return
    from cli.bench_tables import finer_levels, xiezhi_table
    from llm.knowledge_eval.metrics import paired_xiezhi

    out.print(xiezhi_table(reports, _names(results)))
    for line in finer_levels(reports[0]):
        out.print(line)
    if len(results) == 2:
        higher_a, higher_b = paired_xiezhi(results[0][1], results[1][1])
        out.print(f"questions where A ranks the answer higher: {higher_a}, B: {higher_b} (of {len(items)})")
