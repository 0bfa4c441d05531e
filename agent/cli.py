"""The `agent` command: ask, chat, eval, inspect a KG; serve, convert data, train (from llm/, training/).

Library code raises named errors; this module alone prints, and turns those errors into one line
on stderr with exit code 2.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from agent.render import render_answer, render_report, render_stats

app = typer.Typer(
    help="CuteKG: answer Chinese questions from a knowledge graph, with CuteGPT or an offline planner.\n\n"
    "Without --model/--endpoint the offline rule-based planner answers from the bundled sample KG.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
kg_app = typer.Typer(help="Inspect a knowledge graph file (TSV/CSV, JSONL, NLPCC `|||`, RDF).", no_args_is_help=True)
app.add_typer(kg_app, name="kg")

out = Console()
err = Console(stderr=True)

KGPath = Annotated[
    Optional[Path],
    typer.Option("--kg", help="Knowledge graph file in any loader format; default: the bundled sample KG."),
]
ModelPath = Annotated[
    Optional[Path], typer.Option("--model", help="Local CuteGPT (or any Llama) directory in Hugging Face format.")
]
LoraPath = Annotated[Optional[Path], typer.Option("--lora", help="LoRA adapter directory to apply on --model.")]
Int8 = Annotated[bool, typer.Option("--int8", help="Load the model in int8 with bitsandbytes (CUDA GPU only).")]
Endpoint = Annotated[
    Optional[str], typer.Option("--endpoint", help="OpenAI-compatible server URL, e.g. http://127.0.0.1:8000/v1.")
]
ConfigFile = Annotated[
    Optional[Path],
    typer.Option("--config", help="TOML file with model settings; default ./cutekg.toml, then ~/.config/cutekg/config.toml."),
]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can fix (bad file, bad model path, bad config) into one line and exit 2."""
    from pydantic import ValidationError

    from agent.evaluate import EvalFileError
    from kg.loaders import KGLoadError
    from llm.base import ModelLoadError

    try:
        yield
    except (KGLoadError, EvalFileError, ModelLoadError, ValidationError) as exc:
        err.print(Text.assemble(("error: ", "red"), str(exc)), soft_wrap=True)
        raise typer.Exit(2) from None


def guarded(command):
    """A command from llm/ or training/, with the same one-line errors as the commands here."""

    @functools.wraps(command)  # typer reads the wrapped signature and docstring
    def run(*args, **kwargs):
        with user_errors():
            return command(*args, **kwargs)

    return run


def load_graph(path: Path | None):
    from kg import load_kg, load_sample_kg

    return load_sample_kg() if path is None else load_kg(path, progress=sys.stderr.isatty())


def build_agent(kg_path, model, lora, int8, endpoint, config):
    """The agent with the LLM planner and answerer when a model is configured, else the offline ones."""
    from agent.loop import Agent
    from llm.config import build_models, load_settings

    kg = load_graph(kg_path)
    model_id = str(model) if model is not None else None  # a path here, a served model's id with --endpoint
    settings = load_settings(config, model=model_id, lora=lora, int8=int8 or None, endpoint=endpoint)
    if settings.configured:
        planner, answerer = build_models(settings)
    else:
        from agent.answerer import OfflineAnswerer
        from agent.planner import OfflinePlanner

        planner, answerer = OfflinePlanner(kg), OfflineAnswerer()
    return Agent(kg, planner, answerer)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, e.g. 择天记的男主角是谁")],
    trace: Annotated[bool, typer.Option("--trace", help="Show the planner, thought, code and every KG call.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole Answer record as JSON.")] = False,
    kg: KGPath = None,
    model: ModelPath = None,
    lora: LoraPath = None,
    int8: Int8 = False,
    endpoint: Endpoint = None,
    config: ConfigFile = None,
) -> None:
    """Answer one question.

    Examples:\n
      agent ask "择天记的男主角是谁"\n
      agent ask "《三体》的作者还写过什么" --trace\n
      agent ask "谁导演了霸王别姬" --kg my_triples.tsv --json
    """
    with user_errors(), build_agent(kg, model, lora, int8, endpoint, config) as agent:
        answer = agent.ask(question)
    if as_json:
        print(answer.model_dump_json(indent=2))
    elif trace:
        render_answer(out, answer)
    else:
        out.print(answer.answer, highlight=False, markup=False)


@app.command()
def chat(
    kg: KGPath = None,
    model: ModelPath = None,
    lora: LoraPath = None,
    int8: Int8 = False,
    endpoint: Endpoint = None,
    config: ConfigFile = None,
    trace: Annotated[bool, typer.Option("--trace", help="Show the plan and KG calls of every turn.")] = False,
) -> None:
    """Talk over several turns: 他/她/它 refer to earlier answers. Type /reset to forget, /exit or Ctrl-D to leave."""
    with user_errors(), build_agent(kg, model, lora, int8, endpoint, config) as agent:
        out.print(f"[dim]planner: {agent.planner.name} · answerer: {agent.answerer.name}[/]")
        history: list[tuple[str, str]] = []
        while True:
            try:
                question = out.input("[bold cyan]问>[/] ").strip()
            except (EOFError, KeyboardInterrupt):
                out.print()
                break
            if question in {"/exit", "/quit", "exit", "quit"}:
                break
            if question == "/reset":
                history.clear()
                continue
            if not question:
                continue
            streamed = []
            answer = agent.ask(question, history, on_token=lambda piece: (streamed.append(piece), out.print(piece, end="")))
            if streamed:
                out.print()
            if trace:
                render_answer(out, answer)
            elif not streamed:
                out.print(answer.answer, highlight=False, markup=False)
            history.append((question, answer.answer))


@app.command("eval")
def evaluate_command(
    questions: Annotated[Path, typer.Argument(help='JSONL, one {"question", "answers": [...], "type"?, "need_knowledge"?} a line.')],
    out_path: Annotated[Optional[Path], typer.Option("--out", help="Write one JSON record per question here.")] = None,
    kg: KGPath = None,
    model: ModelPath = None,
    lora: LoraPath = None,
    int8: Int8 = False,
    endpoint: Endpoint = None,
    config: ConfigFile = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Questions per batched generation (LLM models).")] = 8,
) -> None:
    """Score the agent on a question set: accuracy overall and per type, plan-parse and error rates, latency.

    A question is right when every gold string appears in the answer (`a|b`: either alternative)
    and need_knowledge matches when the line gives it.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from agent.evaluate import evaluate, load_questions, write_record

    with user_errors():
        items = load_questions(questions)
        agent = build_agent(kg, model, lora, int8, endpoint, config)
    handle = out_path.open("w", encoding="utf-8") if out_path else None
    columns = (TextColumn("eval"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[acc]}"), TimeRemainingColumn())
    with agent, Progress(*columns, console=err, disable=as_json) as progress:
        task = progress.add_task("eval", total=len(items), acc="")
        seen = [0, 0]

        def on_record(record) -> None:
            seen[0] += record.correct
            seen[1] += 1
            progress.update(task, advance=1, acc=f"acc {seen[0] / seen[1]:.1%}")
            if handle:
                write_record(handle, record)
                handle.flush()

        try:
            report = evaluate(agent, items, on_record, batch_size=batch_size)
        finally:
            if handle:
                handle.close()
    if as_json:
        print(report.model_dump_json(indent=2))
    else:
        render_report(out, report, planner=agent.planner.name)


@kg_app.command("stats")
def kg_stats(path: Annotated[Path, typer.Argument(help="KG file.")]) -> None:
    """Count entities, relations and triples; list the most frequent relations."""
    with user_errors():
        graph = load_graph(path)
    render_stats(out, graph.stats())


@kg_app.command("lookup")
def kg_lookup(
    path: Annotated[Path, typer.Argument(help="KG file.")],
    entity: Annotated[str, typer.Argument(help="Entity name or alias.")],
    relation: Annotated[Optional[str], typer.Argument(help="Relation; without it, the entity's whole record.")] = None,
) -> None:
    """Look an entity up the way generated code does: `agent kg lookup kg.tsv 三体 作者`."""
    with user_errors():
        graph = load_graph(path)
    if relation is None:
        result, message = graph.get_entity_info([entity])
    else:
        result, message = graph.find_entity_or_value([entity], [relation])
    out.print(message, highlight=False, markup=False)
    if result is not None:
        out.print_json(json.dumps(result, ensure_ascii=False))


@kg_app.command("build")
def kg_build(
    source: Annotated[Path, typer.Argument(help="Triples file in any loader format (TSV/CSV, JSONL, NLPCC, N-Triples/Turtle).")],
    store: Annotated[Path, typer.Option("--out", help="The store to write, e.g. my.kgdb; then use --kg my.kgdb.")],
    skip_bad_lines: Annotated[bool, typer.Option("--skip-bad-lines", help="Count bad lines instead of stopping at the first.")] = False,
) -> None:
    """Build a persistent store once, so `--kg my.kgdb` opens in a second: `agent kg build big.tsv --out big.kgdb`."""
    from kg.store import build_store

    with user_errors():
        report = build_store(source, store, skip_bad_lines=skip_bad_lines, progress=err.is_terminal,
                             on_phase=lambda text: err.print(f"{text}…", highlight=False))
    err.print(f"{report.path}: {report.triples:,} triples ({report.duplicates:,} duplicates, "
              f"{report.load['skipped']:,} bad lines skipped) in {report.seconds:.1f} s", highlight=False, soft_wrap=True)


def _register_model_commands() -> None:
    # Their modules import typer and pydantic only; torch loads when a command runs.
    from llm.serve import serve
    from training.cli import data_app, export, train

    app.command("serve")(guarded(serve))
    app.add_typer(data_app, name="data")
    app.command("train")(guarded(train))
    app.command("export")(guarded(export))


_register_model_commands()
