"""The `agent` command: ask, chat, eval, inspect a KG; serve, convert data, train, export.

Library code raises named errors; this package alone prints, and `cli.errors.user_errors` turns
those errors into one line on stderr with exit code 2.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import signal
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from cli.bench import app as bench_app
from cli.errors import check_output_file, fail, guarded, note, records_beside, refuse_input_as_output, user_errors
from cli.options import Int8, LoraPath, ModelChoice, build_agent, file_path, given_path, kg_source, load_graph, with_model_options
from cli.render import render_answer, render_report, render_stats
from agent.sanitize import clean

app = typer.Typer(
    help="CuteKG: answer Chinese questions from a knowledge graph, with CuteGPT or an offline planner.\n\n"
    "Without --model/--endpoint the offline rule-based planner answers from the bundled sample KG.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
kg_app = typer.Typer(help="Inspect a knowledge graph file (TSV/CSV, JSONL, NLPCC `|||`, RDF).", no_args_is_help=True)
app.add_typer(kg_app, name="kg")
app.add_typer(bench_app, name="bench")

out = Console()
err = Console(stderr=True)


@app.command()
@with_model_options
def ask(
    question: Annotated[str, typer.Argument(help="The question, e.g. 择天记的男主角是谁; - reads it from standard input.")],
    trace: Annotated[bool, typer.Option("--trace", help="Show the planner, thought, code and every KG call.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole Answer record as JSON.")] = False,
    *,
    models: ModelChoice,
) -> None:
    """Answer one question. The exit code is 0 for an answer, 1 when the plan failed to parse or its
    code failed (the answer then says why), 2 for bad input.

    Examples:\n
      agent ask "择天记的男主角是谁"\n
      agent ask "《三体》的作者还写过什么" --trace\n
      agent ask "谁导演了霸王别姬" --kg my_triples.tsv --json\n
      echo "择天记的男主角是谁" | agent ask -
    """
    question = _question(_stdin_question() if question == "-" else question)
    with user_errors(), build_agent(models) as agent:
        answer = agent.ask(question)
    from agent.loop import UNANSWERABLE

    if answer.error_stage in UNANSWERABLE:  # the KG or model unusable, or the prompt longer than it reads
        raise fail(answer.error or "the knowledge graph or the model cannot be used")
    if as_json:
        print(clean(answer).model_dump_json(indent=2))
    elif trace:
        render_answer(out, clean(answer))
    else:
        out.print(clean(answer.answer), highlight=False, markup=False)
    if answer.error_stage is not None:
        raise typer.Exit(1)


STDIN_SLACK = 4096  # bytes of standard input beyond the longest question: blank lines, a BOM


class _LineTooLong(ValueError):
    pass


ENDLESS_LINE_BYTES = 64 * 1024 * 1024
"""A chat line skipped past this, still without its newline, ends the chat (an endless stream)."""


def _chat_line() -> str:
    """One chat line: typed at a terminal (readline editing and history), or read from a pipe at most
    a question's worth of bytes at a time — an endless line is skipped, never held in memory."""
    if sys.stdin is None or sys.stdin.isatty() or not hasattr(sys.stdin, "buffer"):
        return out.input("[bold cyan]问>[/] ")
    from agent.loop import MAX_QUESTION_CHARS

    out.print("[bold cyan]问>[/] ", end="")
    limit = 4 * MAX_QUESTION_CHARS + STDIN_SLACK
    line = sys.stdin.buffer.readline(limit + 1)
    if not line:
        raise EOFError
    if len(line) > limit and not line.endswith(b"\n"):
        skipped = 0
        while line and not line.endswith(b"\n"):  # the rest of the line, a chunk at a time
            line = sys.stdin.buffer.readline(limit)
            skipped += len(line)
            if skipped > ENDLESS_LINE_BYTES:  # < /dev/zero: a line that never ends is no question to skip
                raise fail(f"standard input holds a line of more than {ENDLESS_LINE_BYTES:,} bytes with no end; agent chat stopped")
        raise _LineTooLong(f"the line is longer than {limit:,} bytes; at most {MAX_QUESTION_CHARS:,} characters are planned")
    return line.decode("utf-8-sig", errors="surrogateescape")


def _stdin_question() -> str:
    """`agent ask -`: standard input holds one question on one line; several lines are several
    questions, and a file of those is what agent eval reads."""
    from agent.loop import MAX_QUESTION_CHARS

    limit = 4 * MAX_QUESTION_CHARS + STDIN_SLACK  # UTF-8: at most 4 bytes a character; a little for blank lines
    if sys.stdin is None:  # started with standard input closed (<&-)
        raise fail("agent ask -: standard input is closed; pipe the question in, or give it as an argument")
    data = sys.stdin.buffer.read(limit + 1)  # never the whole of an endless or huge input
    if len(data) > limit:
        raise fail(f"standard input holds more than {limit:,} bytes; agent ask answers one question of at most "
                   f"{MAX_QUESTION_CHARS:,} characters (agent eval answers a JSONL file of them)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(f"standard input is not valid UTF-8 text (byte {data[error.start]:#04x} at offset {error.start})") from None
    # Lines end at "\n" only: U+2028 or U+0085 inside a question is text, not a line break
    lines = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    if len(lines) > 1:
        raise fail(f"standard input holds {len(lines)} lines; agent ask answers one question "
                   "(agent eval answers a JSONL file of them)")
    return lines[0] if lines else ""


def _question(text: str) -> str:
    """A question worth planning: not empty, and within the documented cap."""
    from agent.loop import question_problem

    problem = question_problem(text)
    if problem:
        raise fail(problem)
    return text.strip()


CHAT_HELP = "/reset forgets the conversation, /exit (or Ctrl-D) leaves, /help shows this"


@app.command()
@with_model_options
def chat(
    trace: Annotated[bool, typer.Option("--trace", help="Show the plan and KG calls of every turn.")] = False,
    *,
    models: ModelChoice,
) -> None:
    """Talk over several turns: 他/她/它 refer to earlier answers. Type /reset to forget, /exit or Ctrl-D to leave."""
    import readline  # noqa: F401  — line editing and ↑/↓ history for input()

    from agent.loop import question_problem

    with user_errors(), build_agent(models) as agent:
        out.print(Text(f"planner: {agent.planner.name} · answerer: {agent.answerer.name}", style="dim"))
        history: list[tuple[str, str]] = []
        while True:
            try:
                question = _chat_line().strip()
            except (EOFError, KeyboardInterrupt):
                out.print()
                break
            except UnicodeDecodeError:  # a terminal in a strict UTF-8 locale: the line is lost, the chat is not
                out.print(Text("the question is not valid UTF-8 text", style="red"))
                continue
            except _LineTooLong as error:
                out.print(Text(str(error), style="red"))
                continue
            if question in {"/exit", "/quit", "exit", "quit"}:
                break
            if question == "/reset":
                history.clear()
                out.print(Text("（对话历史已清空 · history cleared）", style="dim"))
                continue
            if not question:
                continue
            if question.startswith("/"):  # a command, never a question for the planner
                out.print(Text(CHAT_HELP if question in {"/help", "/?"} else f"unknown command {question}; {CHAT_HELP}", style="dim"))
                continue
            problem = question_problem(question)
            if problem:
                out.print(Text(problem, style="red"))
                continue
            streamed = []
            answer = agent.ask(question, history, on_token=lambda piece: (streamed.append(piece), out.print(clean(piece), end="")))
            if streamed:
                out.print()
                if answer.error_stage:  # the stream broke after some text: what came is not the answer, say so
                    out.print(Text(clean(answer.answer), style="red"))
            if trace:
                render_answer(out, clean(answer))
            elif not streamed:
                out.print(clean(answer.answer), highlight=False, markup=False)
            history.append((question, answer.answer))


@app.command("eval")
@with_model_options
def evaluate_command(
    questions: Annotated[Path, typer.Argument(parser=given_path, help='JSONL, one {"question", "answers": [...], "type"?, "need_knowledge"?} a line.')],
    out_path: Annotated[Optional[Path], typer.Option("--out", parser=file_path, help="Write one JSON record per question here.")] = None,
    force: Annotated[bool, typer.Option("--force", "--overwrite", help="Replace an existing --out file.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Questions per batched generation (LLM models).")] = 8,
    *,
    models: ModelChoice,
) -> None:
    """Score the agent on a question set: accuracy overall and per type, plan-parse and error rates, latency.

    A question is right when every gold string appears in the answer (`a|b`: either alternative)
    and need_knowledge matches when the line gives it.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from agent.evaluate import evaluate, load_questions, write_record

    with user_errors():
        items = load_questions(questions)
        if out_path is not None:
            check_output_file(out_path, force)
            local = [Path(p) for p in (models.kg, models.config, models.model, models.lora)
                     if p is not None and not str(p).startswith("sparql+")]
            refuse_input_as_output(out_path, questions, *local)
        agent = build_agent(models)
    columns = (TextColumn("eval"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[acc]}"), TimeRemainingColumn())
    seen = [0, 0]
    with (agent, records_beside(out_path, lambda: f"stopped after {seen[1]} questions") as handle,
          Progress(*columns, console=err, disable=as_json) as progress):
        task = progress.add_task("eval", total=len(items), acc="")

        def on_record(record) -> None:
            if record.result.error_stage == "setup":  # a damaged store or an endpoint down: no score to report
                raise fail(record.result.error or "the knowledge graph or the model cannot be used")
            seen[0] += record.correct
            seen[1] += 1
            progress.update(task, advance=1, acc=f"acc {seen[0] / seen[1]:.1%}")
            if handle:
                write_record(handle, record)
                handle.flush()

        report = evaluate(agent, items, on_record, batch_size=batch_size)
    if as_json:
        print(clean(report).model_dump_json(indent=2))
    else:
        render_report(out, clean(report), planner=agent.planner.name)


@kg_app.command("stats")
def kg_stats(
    path: Annotated[Path, typer.Argument(parser=kg_source, help="KG file, store or sparql+http:// endpoint.")],
    check: Annotated[bool, typer.Option("--check", help="For a store: read every page first (about a second per 100 MB).")] = False,
) -> None:
    """Count entities, relations and triples; list the most frequent relations."""
    with user_errors():  # a damaged page may be found by the counts themselves
        graph = load_graph(path)
        if check and hasattr(graph, "check"):
            graph.check()
        stats = clean(graph.stats())
    render_stats(out, stats)


@kg_app.command("lookup")
def kg_lookup(
    path: Annotated[Path, typer.Argument(parser=kg_source, help="KG file, store or sparql+http:// endpoint.")],
    entity: Annotated[str, typer.Argument(help="Entity name or alias.")],
    relation: Annotated[Optional[str], typer.Argument(help="Relation; without it, the entity's whole record.")] = None,
) -> None:
    """Look an entity up the way generated code does: `agent kg lookup kg.tsv 三体 作者`."""
    from kg.linking import MAX_ALIAS_CHARS

    for given, name in ((entity, "ENTITY"), (relation, "RELATION")):
        if given is not None and not given.strip():
            raise fail(f"{name} is empty; give a name, e.g. agent kg lookup {path} 三体 作者")
        if given is not None and len(given.strip()) > MAX_ALIAS_CHARS:  # the lookup would ignore it as no name at all
            raise fail(f"{name} is {len(given.strip()):,} characters long; a name has at most {MAX_ALIAS_CHARS}")
    with user_errors():  # a damaged store page is found by the lookup, not by opening the store
        graph = load_graph(path)
        if relation is None:
            result, message = graph.get_entity_info([entity])
        else:
            result, message = graph.find_entity_or_value([entity], [relation])
    out.print(clean(message), highlight=False, markup=False)
    if result is not None:
        out.print_json(json.dumps(clean(result), ensure_ascii=False))


@kg_app.command("build")
def kg_build(
    source: Annotated[Path, typer.Argument(parser=given_path, help="Triples file in any loader format (TSV/CSV, JSONL, NLPCC, N-Triples/Turtle).")],
    store: Annotated[Path, typer.Option("--out", parser=file_path, help="The store to write, e.g. my.kgdb; then use --kg my.kgdb.")],
    skip_bad_lines: Annotated[bool, typer.Option("--skip-bad-lines", help="Count bad lines instead of stopping at the first.")] = False,
    force: Annotated[bool, typer.Option("--force", "--overwrite", help="Replace an existing store file.")] = False,
) -> None:
    """Build a persistent store once, so `--kg my.kgdb` opens in a second: `agent kg build big.tsv --out big.kgdb`."""
    from kg.store import build_store

    refuse_input_as_output(store, source)
    if source.suffix.lower() == ".kgdb":
        raise fail(f"{source} is already a store (use it with --kg {source}); build from the triples file it was made from")
    check_output_file(store, force, example="my.kgdb")
    with user_errors():
        report = build_store(source, store, skip_bad_lines=skip_bad_lines, progress=err.is_terminal,
                             on_phase=lambda text: err.print(f"{text}…", highlight=False))
    err.print(f"{report.path}: {report.triples:,} triples ({report.duplicates:,} duplicates, "
              f"{report.load['skipped']:,} bad lines skipped) in {report.seconds:.1f} s", highlight=False, soft_wrap=True)


def _listen(host: str, port: int):
    """The bound socket of `agent serve` / `agent web`, or one line saying why not."""
    from cli.web import open_socket

    if not host.strip():  # the socket would listen on every interface
        raise fail("--host is empty: give an address (127.0.0.1 keeps it private, 0.0.0.0 listens on every interface)")
    try:
        return open_socket(host, port)
    except OSError as error:  # a busy port, an address this machine does not have, a name that does not resolve
        reason = (error.strerror or str(error)).split(" (while attempting")[0]  # create_server repeats the address
        raise fail(f"cannot listen on {host}:{port}: {reason}") from None


def _private(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


@app.command()
def serve(
    model: Annotated[Path, typer.Option(parser=given_path, help="Model directory in Hugging Face format (base, full finetune or LoRA adapter).")],
    lora: LoraPath = None,
    int8: Int8 = False,
    template: Annotated[str, typer.Option(help="auto (CuteGPT's for CuteGPT checkpoints, else the tokenizer's chat_template), cutegpt or chat.")] = "auto",
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it private.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve a local CuteGPT as an OpenAI-compatible endpoint (/v1/models, /v1/completions,
    /v1/chat/completions, stream=true for server-sent events).

    Every request field is checked (400 naming it): max_tokens 1..4096 (or max_completion_tokens),
    temperature 0..2, top_p (0, 1], n 1, at most 16 stop strings, a body of at most 4 MB (headers 16 KB); the model
    named must be the one served; logprobs, audio, penalties other than repetition_penalty, tools and
    a tool_choice other than none/auto are refused, not ignored. A json_schema response_format is
    enforced by xgrammar; schemas it would not enforce (lookahead or lookbehind in a pattern, allOf
    of several schemas) are refused. Other constraints it cannot check (e.g. contradictions inside
    one schema) can still yield output that fails the schema: validate it if that matters.

    Example: agent serve --model models/cutegpt --port 8000, then agent ask "…" --endpoint http://127.0.0.1:8000/v1
    """
    from cli.training import quiet_transformers

    listening = _listen(host, port)
    if not _private(host):
        note(f"bound to {host}: anyone who can reach this machine on port {port} can use the model. Ctrl-C stops.")
    with user_errors(), listening:
        quiet_transformers()
        from llm.serve import load_and_serve

        load_and_serve(model, listening, lora=lora, int8=int8, template=template)


@app.command()
@with_model_options
def web(
    host: Annotated[str, typer.Option(help="Address to listen on. 127.0.0.1 (the default) lets only this computer open the "
                                           "page; 0.0.0.0 lets anyone on your network ask and read records files.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port; 0 picks a free one.")] = 8080,
    timeout: Annotated[float, typer.Option(min=1, max=24 * 3600, help="Seconds one question may take before the page is told it "
                                                                      "timed out; at most a day.")] = 120.0,
    *,
    models: ModelChoice,
) -> None:
    """Serve a local web page: ask (with 他/她 follow-ups) and watch the plan, the code and each KG
    call as they happen, see the part of the graph the calls touched, browse the KG, and open an
    `agent eval --out` records file as a report. The page works offline: everything it loads comes
    from this server.

    Examples:\n
      agent web                        # sample KG, offline planner, port 8080\n
      agent web --kg my_triples.tsv --port 9000\n
      agent web --endpoint http://127.0.0.1:8000/v1   # a served CuteGPT plans and answers
    """
    from dataclasses import replace

    with user_errors():
        try:
            import fastapi  # noqa: F401 — here only to say what is missing before a KG loads
            import uvicorn  # noqa: F401
        except ModuleNotFoundError as missing:
            raise fail(f"agent web needs {missing.name}: pip install 'cutekg[web]'") from None
        from cli.web import serve
        from cli.web.app import WebLimits, create_app

        agent = build_agent(models)
        listening = _listen(host, port)
    bound = listening.getsockname()[1]
    url = f"http://{'[' + host + ']' if ':' in host else host}:{bound}/"
    private = _private(host)
    out.print(Text.assemble("CuteKG page on ", (url, "bold"), "  ·  planner ", agent.planner.name), highlight=False)
    if private:
        out.print(Text(f"bound to {host}: only this computer can open it (--host 0.0.0.0 shares it). Ctrl-C stops.", style="dim"))
    else:
        note(f"bound to {host}: anyone who can reach this machine on port {bound} can ask questions and "
             "read eval records files on its disk. Ctrl-C stops.")
    page = create_app(agent, limits=replace(WebLimits(), ask_timeout_s=timeout), host=host)
    with agent, listening:
        serve(page, listening)


def _register_training_commands() -> None:
    # The module imports typer and pydantic only; torch loads when a command runs.
    from cli.training import data_app, export, train

    app.add_typer(data_app, name="data")
    app.command("train")(guarded(train))
    app.command("export")(guarded(export))


_register_training_commands()


def _reflow(doc: str) -> str:
    """Help text that wraps at any width: typer keeps a docstring's line breaks, so a paragraph's
    lines are joined; indented lines (examples) and list items keep theirs."""
    paragraphs = []
    for paragraph in inspect.cleandoc(doc).split("\n\n"):
        lines: list[str] = []
        for line in paragraph.splitlines():
            keep = line.startswith((" ", "- ", "• ")) or (lines and lines[-1].startswith((" ", "- ", "• ")))
            if lines and not keep:
                lines[-1] += " " + line.strip()
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _reflow_help(group: typer.Typer) -> None:
    for info in group.registered_commands:
        doc = info.help or (info.callback.__doc__ if info.callback else None)
        if doc:
            info.help = _reflow(doc)
    for sub in group.registered_groups:
        _reflow_help(sub.typer_instance)


_reflow_help(app)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    """The console script: `app`, with a usage error (an unknown option, a value out of range) as
    one line on stderr, exit 2, like every other user error — not typer's boxed panel."""
    from cli.training import quiet_warnings

    quiet_warnings()
    # SIGTERM (kill, a scheduler's timeout) and SIGHUP (the terminal or ssh session closing) unwind
    # like Ctrl-C: the half-built store, dataset or records beside an output are removed by the same
    # cleanup, and the old output stays. A SIGHUP ignored (nohup) stays ignored.
    signal.signal(signal.SIGTERM, _terminated)
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, _terminated)
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as error:  # typer's own click: a usage error, a bad parameter
        if type(error).__name__ == "NoArgsIsHelpError":  # `agent kg` alone: its help is already printed
            sys.exit(error.exit_code)
        context = getattr(error, "ctx", None)
        hint = f" (see {context.command_path} --help)" if context is not None else ""
        err.print(Text.assemble(("error: ", "red"), clean(error.format_message()), hint), soft_wrap=True, highlight=False)
        code = error.exit_code
    except typer.Abort:
        err.print("aborted", highlight=False)
        code = 1
    except UnicodeEncodeError as error:  # PYTHONIOENCODING=ascii, a Latin-1 terminal: the answer cannot be shown
        encoding = getattr(sys.stdout, "encoding", None) or "?"
        sys.stderr.write(f"error: the output's encoding ({encoding}) cannot write {error.object[error.start:error.end][:10]!a}; "
                         "use a UTF-8 locale or PYTHONIOENCODING=utf-8\n")
        code = 2
    except OSError as error:  # the answer or a table written to a full disk (> /dev/full), a closed pipe
        with contextlib.suppress(OSError):
            sys.stderr.write(f"error: cannot write the output: {error.strerror or error}\n")
        code = 2
    with contextlib.suppress(OSError):  # flushing what is left to a full disk or a closed pipe
        if sys.stdout is not None:  # `>&-`: no standard output at all
            sys.stdout.flush()
    sys.exit(code if isinstance(code, int) else 0)
