"""The ``textclean`` command line: clean, inspect, score, dedup, rules check, config.

Exit codes (see :mod:`textclean.errors`): 0 everything worked (or the run was
already complete); 1 some inputs failed (they are listed at the end and in
``summary.json``); 2 a usage, config, rules or resume problem (nothing was
written); 3 an environment fault (disk full, read-only OUT, corrupt index or
journal); 4 an internal error; 128+N stopped by signal N (rerun with --resume).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from textclean.config import Config, ConfigError
from textclean.engines import ENGINES, StageWork, get_engine
from textclean.engines.local import default_workers
from textclean.errors import (
    EXIT_ENVIRONMENT,
    EXIT_INTERNAL,
    EnvironmentFault,
    Stopped,
    describe_os_error,
    stop_on_signals,
)
from textclean.io.discover import Failure, InputError
from textclean.io.journal import ResumeError
from textclean.io.readers import InputReader, is_input_failure
from textclean.io.report import print_failures
from textclean.io.writers import json_line
from textclean.progress import make_progress
from textclean.rules import RuleError, check_pack
from textclean.run import (
    RunOptions,
    RunResult,
    default_deduper_factory,
    effective_config,
    plan_run,
    run_clean,
    stream_events,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

CLEAN_EXAMPLES = """\
examples:
  textclean clean seeds -o cleaned                  # a tree of .txt/.md files
  textclean clean crawl.jsonl.zst -o out --workers 8
  textclean clean data -o out --skip despin --no-dedup --limit 1000 --dry-run
  textclean clean data -o out --resume              # carry on after a crash or kill
  textclean clean data -o out --index corpus.idx --threshold 0.9 --keep longest
  cat docs.jsonl | textclean clean - -o - > cleaned.jsonl
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=100)


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {n}")
    return n


def _non_negative(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {n}")
    return n


def _add_config_options(p: argparse.ArgumentParser, *, stages: bool = True) -> None:
    g = p.add_argument_group("configuration")
    g.add_argument(
        "--config",
        metavar="FILE",
        help="TOML config file; unknown keys are errors (e.g. --config textclean.toml)",
    )
    if stages:
        g.add_argument(
            "--stages",
            type=_csv,
            metavar="A,B",
            help="run only these stages, in the fixed order "
            "repair,boilerplate,despin,repeats,normalize,quality (e.g. --stages repair,normalize)",
        )
        g.add_argument(
            "--skip",
            type=_csv,
            default=[],
            metavar="A,B",
            help="leave these stages out (e.g. --skip despin,quality)",
        )
        g.add_argument(
            "--rules",
            action="append",
            default=[],
            metavar="DIR",
            help="extra rule pack applied after the built-in one; repeatable "
            "(e.g. --rules my-rules --rules site-rules)",
        )
        g.add_argument(
            "--despin",
            choices=("off", "detect", "repair"),
            help="spun-text handling: off, detect (score only) or repair (e.g. --despin detect)",
        )
    g.add_argument(
        "--text-key",
        metavar="KEY",
        help="JSONL field holding the text (default: text; e.g. --text-key content)",
    )
    g.add_argument(
        "--html-key",
        metavar="KEY",
        help="JSONL field or parquet column holding HTML: its main text is extracted "
        "(trafilatura) into --text-key; needs pip install 'textclean[html]' (e.g. --html-key html)",
    )
    g.add_argument(
        "--id-key",
        metavar="KEY",
        help="JSONL field holding the document id; rows without it get FILE:LINE "
        "(default: id; e.g. --id-key url)",
    )
    g.add_argument(
        "--max-doc-chars",
        type=_non_negative,
        metavar="N",
        help="reject documents longer than N characters, 0 for no limit "
        "(default: 10000000; e.g. --max-doc-chars 2000000)",
    )


def _add_run_options(p: argparse.ArgumentParser, *, output: bool = True) -> None:
    g = p.add_argument_group("run")
    if output:
        g.add_argument(
            "-o",
            "--output",
            required=True,
            metavar="OUT",
            help="output directory mirroring the inputs, with the audit in OUT/.textclean/; "
            "'-' writes JSON lines to standard output, the audit to --audit-dir, or without it "
            'each reject as a JSON line {"reject": ...} on standard error (e.g. -o cleaned)',
        )
        g.add_argument(
            "--audit-dir",
            metavar="DIR",
            help="with -o -: write report.jsonl, rejects.jsonl and summary.json to DIR "
            "(e.g. --audit-dir audit)",
        )
        g.add_argument(
            "--overwrite",
            action="store_true",
            help="OUT holds another run's output: remove the files that run wrote (only "
            "those, per OUT/.textclean/outputs.json) and write this one; without it such an "
            "OUT is refused (e.g. --overwrite)",
        )
    g.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help=f"worker processes (default: the CPUs available, here {default_workers()}); "
        "the output is identical for any N (e.g. --workers 4)",
    )
    g.add_argument(
        "--engine",
        choices=sorted(ENGINES),
        default="local",
        help="where the work runs: local = a process pool on this machine; ray = a Ray "
        "cluster, or a local Ray instance without --ray-address; needs "
        "pip install 'textclean[ray]' (e.g. --engine ray)",
    )
    g.add_argument(
        "--ray-address",
        metavar="ADDR",
        help="with --engine ray: the address of a running Ray cluster (`ray start --head` "
        "prints it); without it a local Ray instance is started (e.g. --ray-address 10.0.0.5:6379)",
    )
    g.add_argument(
        "--limit",
        type=_positive,
        metavar="N",
        help="stop after the first N documents, in input order (e.g. --limit 100)",
    )
    g.add_argument(
        "--quiet",
        action="store_true",
        help="no progress output; failures are still listed (e.g. --quiet)",
    )
    g.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="follow symbolic links met while walking input directories (by default they "
        "are skipped: a link may lead out of the input tree) (e.g. --follow-symlinks)",
    )
    if output:
        g.add_argument(
            "--dry-run",
            action="store_true",
            help="write only the report, rejects and summary, no cleaned files (e.g. --dry-run)",
        )
        g.add_argument(
            "--audit",
            choices=("full", "spans", "counts"),
            default="full",
            help="how much per-document audit OUT/.textclean/ keeps: full = every edit with "
            "its text; spans = stage, rule and offsets only (inspect --audit re-derives the "
            "text from the input); counts = summary.json and report.html only (e.g. --audit spans)",
        )
        g.add_argument(
            "--audit-compress",
            action="store_true",
            help="write report.jsonl and rejects.jsonl zstd-compressed, as .jsonl.zst "
            "(e.g. --audit-compress)",
        )
        g.add_argument(
            "--resume",
            action="store_true",
            help="continue an interrupted run into the same OUT, redoing only unfinished "
            "inputs; refused if the config, rules or inputs changed; a finished run is "
            "'already complete' (e.g. --resume)",
        )


def _add_site_repeat_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("corpus mode (lines repeated across a site)")
    g.add_argument(
        "--site-repeats",
        action="store_true",
        default=None,
        help="first count, per site (URL field) or input file, the short lines found in many "
        "of its documents, then remove them as boilerplate.site_repeat; the table is kept in "
        "OUT/.textclean/site_repeats.json ([site_repeats] in the config; e.g. --site-repeats)",
    )
    g.add_argument(
        "--site-repeats-by",
        choices=("site", "source", "directory"),
        metavar="site|source|directory",
        help="group documents by site (host of a URL field, else input file), by input file, "
        "or by the input file's folder (one page per file) (e.g. --site-repeats-by directory)",
    )


def _site_repeat_overrides(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if getattr(args, "site_repeats", None):
        changes["enabled"] = True
    if getattr(args, "site_repeats_by", None):
        changes["group_by"] = args.site_repeats_by
    return changes


def _threshold(value: str) -> float:
    x = float(value)
    if not 0.0 < x <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {x}")
    return x


def _add_dedup_options(p: argparse.ArgumentParser, *, toggle: bool) -> None:
    """The corpus-dedup options, the same for ``clean`` and ``dedup``."""
    g = p.add_argument_group("corpus dedup (the [dedup] config table; options override it)")
    if toggle:
        g.add_argument(
            "--no-dedup",
            action="store_true",
            help="keep near-duplicate documents (skip corpus dedup) (e.g. --no-dedup)",
        )
    g.add_argument(
        "--index",
        metavar="PATH",
        help="persistent dedup index: documents seen by earlier runs count as "
        "originals (e.g. --index corpus.idx)",
    )
    g.add_argument(
        "--threshold",
        type=_threshold,
        metavar="J",
        help="exact Jaccard similarity of word n-gram sets at or above which a document "
        "is a duplicate (default 0.8; e.g. --threshold 0.9)",
    )
    g.add_argument(
        "--keep",
        choices=("first", "longest", "lowest_id"),
        help="which document of a cluster stays: first in input order, longest, or "
        "lowest id (default first; e.g. --keep longest)",
    )
    g.add_argument(
        "--ngram",
        type=_positive,
        metavar="N",
        help="words per shingle (default 5; e.g. --ngram 3)",
    )
    g.add_argument(
        "--num-perm",
        type=_positive,
        metavar="N",
        help="MinHash permutations, = bands x rows (default 128; e.g. --num-perm 256)",
    )
    g.add_argument(
        "--bands",
        type=_positive,
        metavar="B",
        help="LSH bands; rows follow from num-perm when not given (default 16; e.g. --bands 32)",
    )
    g.add_argument(
        "--rows",
        type=_positive,
        metavar="R",
        help="rows per LSH band; bands follow from num-perm when not given "
        "(default 8; e.g. --rows 4)",
    )
    g.add_argument(
        "--spill-dir",
        metavar="DIR",
        help="keep the shingle sets in a temporary file in DIR instead of in memory "
        "(e.g. --spill-dir /scratch)",
    )


def _dedup_overrides(args: argparse.Namespace, current: dict[str, Any]) -> dict[str, Any]:
    """``[dedup]`` overrides from the command line.

    ``bands * rows`` must equal ``num_perm``: of the three, what is not given
    follows from what is (``--num-perm`` alone keeps the rows per band).

    >>> cur = {"num_perm": 128, "bands": 16, "rows": 8}
    >>> _dedup_overrides(argparse.Namespace(bands=32, threshold=0.7), cur)
    {'threshold': 0.7, 'bands': 32, 'rows': 4}
    >>> _dedup_overrides(argparse.Namespace(num_perm=256), cur)
    {'num_perm': 256, 'bands': 32}
    >>> _dedup_overrides(argparse.Namespace(bands=20, rows=5), cur)
    {'bands': 20, 'rows': 5, 'num_perm': 100}
    """
    out: dict[str, Any] = {}
    if getattr(args, "no_dedup", False):
        out["enabled"] = False
    if getattr(args, "index", None):
        out["index"] = str(Path(args.index).resolve())
    if getattr(args, "spill_dir", None):
        out["spill_dir"] = str(Path(args.spill_dir).resolve())
    for name in ("threshold", "keep", "ngram", "num_perm", "bands", "rows"):
        value = getattr(args, name, None)
        if value is not None:
            out[name] = value
    # bands * rows == num_perm: fill in whichever of the three was not given
    bands, rows, perm = out.get("bands"), out.get("rows"), out.get("num_perm")
    if bands is not None and rows is not None:
        out.setdefault("num_perm", bands * rows)
    elif bands is not None or rows is not None or perm is not None:
        perm = perm or current["num_perm"]
        given = "bands" if bands is not None else "rows"
        other = "rows" if given == "bands" else "bands"
        size = out.get(given, current[given])
        if perm % size:
            raise ConfigError(f"num_perm {perm} is not a multiple of {given} {size}")
        out[other] = perm // size
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="textclean",
        description="Text-quality cleaning for scraped articles, with an audit of every change.",
        formatter_class=_Formatter,
        epilog="Run 'textclean COMMAND --help' for the options of each command.",
    )
    from textclean import __version__

    parser.add_argument("--version", action="version", version=f"textclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "clean",
        help="clean files or JSONL into an output tree",
        description="Clean every document of the INPUTs into OUT, mirroring the input tree, "
        "and write report.jsonl, rejects.jsonl and summary.json under OUT/.textclean/. "
        "Exit status: 0 ok (or already complete), 1 some inputs failed (listed at the end), "
        "2 usage, config or resume error, 3 environment fault (disk full, read-only OUT, "
        "corrupt index), 128+N stopped by signal N (rerun with --resume).",
        formatter_class=_Formatter,
        epilog=CLEAN_EXAMPLES,
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a directory of .txt/.md/.html files, .jsonl[.gz|.zst] or .parquet shards, one "
        "such file, or '-' for standard input (e.g. seeds)",
    )
    _add_run_options(p)
    _add_config_options(p)
    _add_dedup_options(p, toggle=True)
    _add_site_repeat_options(p)
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser(
        "inspect",
        help="show the edits made to one document as a diff",
        description="Run the pipeline on one document and show each edit with its rule id: "
        "removed text [-like this-], inserted text {+like this+} (coloured on a terminal).",
        formatter_class=_Formatter,
        epilog="examples:\n  textclean inspect seeds/000_f510946d79b30355.txt\n"
        "  textclean inspect crawl.jsonl --line 42 --skip normalize\n"
        "  textclean inspect page.txt --show-text --color never\n",
    )
    p.add_argument(
        "file",
        metavar="FILE",
        help="a text, HTML, JSONL or parquet file, or '-' (e.g. page.txt)",
    )
    g = p.add_argument_group("selection and display")
    g.add_argument(
        "--id", dest="doc_id", metavar="ID", help="JSONL: the document with this id (e.g. --id a1)"
    )
    g.add_argument(
        "--line",
        type=_positive,
        metavar="N",
        help="JSONL: the document on line N; parquet: row N (e.g. --line 3)",
    )
    g.add_argument(
        "--show-text",
        action="store_true",
        help="also print the cleaned text (e.g. --show-text)",
    )
    g.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the diff: auto = only on a terminal (e.g. --color never)",
    )
    g.add_argument(
        "--audit",
        metavar="OUT",
        help="show the edits a finished run recorded for this document in OUT/.textclean/ "
        "(any --audit mode but counts), re-deriving their text from FILE with the run's "
        "own config (e.g. --audit cleaned)",
    )
    _add_config_options(p)
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser(
        "report",
        help="rebuild OUT/.textclean/report.html from the audit of a run",
        description="Rebuild the HTML report of a finished clean or dedup run from "
        "OUT/.textclean/ (summary.json, report.jsonl and rejects.jsonl, plain or .zst). "
        "The diffs are re-derived from the inputs, so run it from the directory the run "
        "was started in. A run with --audit counts keeps no per-document audit: its "
        "report.html cannot be rebuilt.",
        formatter_class=_Formatter,
        epilog="example:\n  textclean report cleaned   # writes cleaned/.textclean/report.html\n",
    )
    p.add_argument("output", metavar="OUT", help="the output directory of a run (e.g. cleaned)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "score",
        help="print the scores of each document as JSON lines (writes nothing)",
        description="Run the per-document stages and print one JSON line per document: "
        "id, source, line, dropped (reason or null), number of edits and scores.",
        formatter_class=_Formatter,
        epilog="examples:\n  textclean score seeds\n"
        "  textclean score crawl.jsonl --limit 100 --despin detect | jq .scores\n",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="as for clean (e.g. seeds)")
    _add_run_options(p, output=False)
    _add_config_options(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser(
        "dedup",
        help="only corpus dedup: drop near-duplicate documents, change nothing else",
        description="Run corpus dedup alone over the INPUTs: kept documents are written "
        "unchanged to OUT, near-duplicates go to the rejects with duplicate_of and similarity.",
        formatter_class=_Formatter,
        epilog="examples:\n  textclean dedup crawl.jsonl -o deduped\n"
        "  textclean dedup data -o deduped --threshold 0.9 --index corpus.idx\n"
        "  textclean dedup data -o deduped --keep longest --bands 32 --spill-dir /scratch\n",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="as for clean (e.g. data)")
    _add_run_options(p)
    _add_config_options(p, stages=False)
    _add_dedup_options(p, toggle=False)
    p.set_defaults(func=cmd_dedup)

    p = sub.add_parser(
        "rules",
        help="rule pack tools",
        description="Tools for rule packs (directories given to --rules).",
        formatter_class=_Formatter,
        epilog="example:\n  textclean rules check my-rules\n",
    )
    rules_sub = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    p = rules_sub.add_parser(
        "check",
        help="validate rule packs",
        description="Check that every rule file parses and every table row is well formed; "
        "each problem is printed as FILE:LINE: message. Exit status 1 if any problem is found.",
        formatter_class=_Formatter,
        epilog="example:\n  textclean rules check rules my-rules\n",
    )
    p.add_argument("dirs", nargs="+", metavar="DIR", help="rule pack directories (e.g. my-rules)")
    p.set_defaults(func=cmd_rules_check)

    p = sub.add_parser(
        "config",
        help="print a configuration as commented TOML",
        description="Print every config key with its description, as TOML a --config file "
        "accepts: the defaults (--default) or a config file with the defaults filled in.",
        formatter_class=_Formatter,
        epilog="examples:\n  textclean config --default > textclean.toml\n"
        "  textclean config --config textclean.toml\n",
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--default", action="store_true", help="the default configuration (e.g. --default)"
    )
    which.add_argument(
        "--config",
        metavar="FILE",
        help="this TOML config file, every key shown (e.g. --config textclean.toml)",
    )
    p.set_defaults(func=cmd_config)
    return parser


# -- shared helpers -------------------------------------------------------------


def build_config(args: argparse.Namespace) -> Config:
    """The config file (or defaults) with the command-line overrides applied."""
    config = Config.from_toml(args.config) if getattr(args, "config", None) else Config()
    changes: dict[str, Any] = {}
    rules = getattr(args, "rules", None)
    if rules:
        changes["rules"] = [*config.rules, *(str(Path(r).resolve()) for r in rules)]
    if getattr(args, "despin", None):
        changes["despin"] = {"mode": args.despin}
    inputs: dict[str, Any] = {}
    if args.text_key:
        inputs["text_key"] = args.text_key
    if args.id_key:
        inputs["id_key"] = args.id_key
    if getattr(args, "html_key", None):
        inputs["html_key"] = args.html_key
    if args.max_doc_chars is not None:
        inputs["max_document_chars"] = args.max_doc_chars
    if inputs:
        changes["input"] = inputs
    dedup = _dedup_overrides(args, config.to_dict()["dedup"])
    if dedup:
        changes["dedup"] = dedup
    site_repeats = _site_repeat_overrides(args)
    if site_repeats:
        changes["site_repeats"] = site_repeats
    return config.replace(**changes) if changes else config


def _err(message: str) -> None:
    print(f"textclean: error: {message}", file=sys.stderr)


def audit_line(output: str, summary: dict[str, Any]) -> str:
    """Where the audit of a run is, for the last line of the run.

    >>> audit_line("out", {"audit": {"files": {"report.jsonl": 1, "rejects.jsonl": 0}}})
    'textclean: audit: out/.textclean/ (report.html; summary.json, report.jsonl, rejects.jsonl)'
    """
    files = ["summary.json", *((summary.get("audit") or {}).get("files") or {})]
    meta = Path(output) / ".textclean"
    return f"textclean: audit: {meta.as_posix()}/ (report.html; {', '.join(files)})"


def _finish(result: RunResult, args: argparse.Namespace) -> int:
    s = result.summary
    if result.already_complete:
        if not args.quiet:
            print(
                f"textclean: {args.output}: already complete "
                f"({s.get('documents_in', '?')} documents in, {s.get('documents_out', '?')} "
                "out); nothing to do",
                file=sys.stderr,
            )
        return result.exit_code
    if not args.quiet:
        reasons = ", ".join(f"{k} {v}" for k, v in s["rejected_by_reason"].items())
        where = "standard output" if args.output == "-" else args.output
        print(
            f"textclean: {s['documents_in']} documents in, {s['documents_out']} out, "
            f"{s['rejected']} rejected"
            + (f" ({reasons})" if reasons else "")
            + f"; output: {where}"
            + (" (dry run: report only)" if args.dry_run else ""),
            file=sys.stderr,
        )
    if result.failures:
        print(f"textclean: {len(result.failures)} input problem(s):", file=sys.stderr)
        print_failures(result.failures)
    if not args.quiet and args.output != "-":
        print(audit_line(args.output, s), file=sys.stderr)
    return result.exit_code


def _engine_options(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword options for ``get_engine`` from the command line."""
    if args.ray_address and args.engine != "ray":
        raise ConfigError("--ray-address needs --engine ray")
    return {"address": args.ray_address} if args.engine == "ray" else {}


def _run(args: argparse.Namespace, config: Config, stages: list[str] | None) -> int:
    options = RunOptions(
        inputs=args.inputs,
        output=args.output,
        workers=args.workers,
        engine=args.engine,
        engine_options=_engine_options(args),
        stages=stages,
        skip=getattr(args, "skip", []) or [],
        dry_run=args.dry_run,
        limit=args.limit,
        resume=args.resume,
        audit=args.audit,
        audit_compress=args.audit_compress,
        overwrite=args.overwrite,
        follow_symlinks=args.follow_symlinks,
        audit_dir=args.audit_dir,
    )
    progress = make_progress(args.quiet)
    try:
        result = run_clean(config, options, progress=progress)
    finally:
        progress.close()
    return _finish(result, args)


# -- commands -------------------------------------------------------------------


def cmd_clean(args: argparse.Namespace) -> int:
    return _run(args, build_config(args), args.stages)


def cmd_dedup(args: argparse.Namespace) -> int:
    if default_deduper_factory() is None:
        _err("corpus dedup is not part of this build (module textclean.dedup.corpus is missing)")
        return EXIT_USAGE
    config = build_config(args).replace(dedup={"enabled": True})
    args.skip = []
    return _run(args, config, [])


def cmd_score(args: argparse.Namespace) -> int:
    config, _ = effective_config(build_config(args), args.stages, args.skip)
    plan = plan_run(args.inputs, config, follow_symlinks=args.follow_symlinks)
    failures: list[Failure] = list(plan.failures)
    engine = get_engine(args.engine, args.workers, **_engine_options(args))
    out = sys.stdout.buffer
    try:
        for kind, _idx, item in stream_events(
            plan, StageWork(config), engine, config, limit=args.limit
        ):
            if kind == "fail":
                failures.append(item)
            elif kind == "doc":
                if is_input_failure(item.dropped):
                    failures.append(Failure(item.source or item.id, item.line, item.dropped))
                row = {
                    "id": item.id,
                    "source": item.source,
                    "line": item.line,
                    "dropped": item.dropped,
                    "edits": len(item.edits),
                    "scores": dict(sorted(item.scores.items())),
                }
                out.write(json_line(row))  # ids with lone surrogates stay valid JSON
    finally:
        engine.close()
    out.flush()
    if failures:
        print(f"textclean: {len(failures)} input problem(s):", file=sys.stderr)
        print_failures(failures)
    return EXIT_FAILED if failures else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from textclean.io.audit import rebuild_html

    path, _ = rebuild_html(args.output)
    print(f"textclean: wrote {path}", file=sys.stderr)
    return EXIT_OK


def cmd_inspect(args: argparse.Namespace) -> int:
    from textclean.diffview import render_plain, render_rich, run_stages

    recorded: dict[str, Any] | None = None
    if args.audit:
        from textclean.io.audit import load_summary, meta_dir, run_config, site_repeat_table

        summary = load_summary(meta_dir(args.audit))
        if (summary.get("audit") or {}).get("mode") == "counts":
            raise InputError(f"{args.audit}: the run kept no per-document audit (--audit counts)")
        run_cfg = run_config(summary)
        config, pipeline = effective_config(run_cfg, list(run_cfg.stages))
        table = site_repeat_table(meta_dir(args.audit), summary)
        if table is not None:  # corpus mode: the run's learned lines go too
            pipeline = StageWork(config, site_repeats=table).pipeline()
    else:
        config, pipeline = effective_config(build_config(args), args.stages, args.skip)
    if args.file != "-" and Path(args.file).is_dir():
        raise InputError(f"{args.file}: inspect takes one file, not a directory")
    plan = plan_run([args.file], config)
    doc = None
    for item in InputReader(plan.inputs[0], config.input):
        if isinstance(item, Failure):
            _err(str(item))
            return EXIT_FAILED
        if args.doc_id is not None and item.id != args.doc_id:
            continue
        if args.line is not None and item.line != args.line:
            continue
        doc = item
        break
    if doc is None:
        wanted = [f"id {args.doc_id!r}"] if args.doc_id is not None else []
        wanted += [f"line {args.line}"] if args.line is not None else []
        _err(f"{args.file}: no document with {' and '.join(wanted) or 'any text'}")
        return EXIT_FAILED
    if doc.dropped is not None:
        print(f"{doc.id}: rejected while reading: {doc.dropped}")
        return EXIT_FAILED if is_input_failure(doc.dropped) else EXIT_OK
    if args.audit:
        from textclean.io.audit import derived_spans, meta_dir, recorded_row
        from textclean.io.html_report import edit_spans

        recorded = recorded_row(meta_dir(args.audit), doc.id, doc.line, args.file)
        if recorded is None:
            _err(f"{args.audit}: no audit row for document {doc.id!r}")
            return EXIT_FAILED
    doc, runs = run_stages(pipeline, doc)
    if recorded is not None and derived_spans(runs) != edit_spans(recorded):
        _err(
            f"{args.file} no longer gives the edits recorded in {args.audit} for "
            f"{doc.id!r} (changed since the run?)"
        )
        return EXIT_FAILED
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    print(f"# {doc.id}  ({doc.source})")
    if recorded is not None:
        print(
            f"# the edits recorded in {args.audit} ({recorded.get('status')}"
            + (f": {recorded['reason']}" if recorded.get("reason") else "")
            + f"); their text re-derived from {args.file}"
        )
    if color:
        from rich.console import Console

        console = Console(force_terminal=True, highlight=False, soft_wrap=True)
        for renderable in render_rich(runs):
            console.print(renderable)
    else:
        text = render_plain(runs)
        if text:
            print(text)
    total = sum(len(r.edits) for r in runs)
    status = "kept" if doc.dropped is None else f"dropped ({doc.dropped})"
    print(f"# {total} edit{'s' if total != 1 else ''}; {status}")
    if doc.scores:
        print("# scores: " + json.dumps(dict(sorted(doc.scores.items())), ensure_ascii=False))
    if args.show_text:
        print("# cleaned text:")
        sys.stdout.write(doc.text)
    return EXIT_OK


def cmd_rules_check(args: argparse.Namespace) -> int:
    problems = 0
    for d in args.dirs:
        if not Path(d).is_dir():
            raise InputError(f"{d}: not a directory")
        errors = check_pack(d)
        for e in errors:
            print(e)
        problems += len(errors)
        if not errors:
            print(f"{d}: ok")
    return EXIT_FAILED if problems else EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    config = Config() if args.default else Config.from_toml(args.config)
    sys.stdout.write(config.to_toml())
    return EXIT_OK


def _fault_message(exc: BaseException, args: argparse.Namespace) -> str | None:
    """One line for an environment fault (exit 3), or None if ``exc`` is not one."""
    if isinstance(exc, EnvironmentFault):
        return str(exc)
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        where = getattr(args, "index", None) or "the dedup index"
        return (
            f"{where}: SQLite error ({exc}); the index is damaged or its disk is full: "
            "restore it from a backup or use another --index"
        )
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    stop_on_signals()
    try:
        code: int = args.func(args)
        return code
    except (ConfigError, InputError, ResumeError, RuleError) as exc:
        _err(str(exc))
        return EXIT_USAGE
    except Stopped as exc:
        how = "rerun with --resume to continue" if _resumable(args) else "rerun to start again"
        _err(f"stopped by {exc.name}; {how}")
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted; rerun with --resume to continue")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        message = _fault_message(exc, args)
        if message is not None:
            _err(message)
            return EXIT_ENVIRONMENT
        if os.environ.get("TEXTCLEAN_DEBUG"):
            raise
        _err(
            f"internal error: {type(exc).__name__}: {exc}; please report it "
            "(TEXTCLEAN_DEBUG=1 shows the traceback)"
        )
        return EXIT_INTERNAL


def _resumable(args: argparse.Namespace) -> bool:
    return getattr(args, "output", "-") != "-" and "-" not in getattr(args, "inputs", ["-"])
