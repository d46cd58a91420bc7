"""Help topics: `binoche help formats|fields|exit-codes|dataset`. Each is built from the
declarations it describes (formats, record shapes, exit codes), so it cannot drift."""

from collections.abc import Callable


def _formats() -> str:
    return """Output formats (-f, --format)

  table     a Rich table; the default on a terminal
  plain     tab-separated lines without a header; the default in a pipe
  tsv       tab-separated lines with a header row (--no-header to drop it)
  csv       RFC 4180 CSV with a header row (--no-header to drop it)
  json      one JSON array of objects, every key (or only --fields)
  jsonl     one JSON object per line
  markdown  a Markdown table

Line formats never contain raw tabs, newlines or control characters: they are escaped
(\\t, \\n) or shown as visible symbols. JSON keys are stable: fields are only ever added,
never renamed or removed without a major version. With no match, JSON prints [] and
csv/tsv/markdown print their header, and the exit code is 1.
"""


def _fields() -> str:
    from binoche_cli.output.shapes import SHAPES

    lines = ["Fields of each record (use with --fields; JSON has all of them)", ""]
    for shape, fields in SHAPES.items():
        lines.append(f"{shape}:")
        width = max(len(name) for name, _, _ in fields)
        lines += [f"  {name:<{width}}  {kind:<15} {meaning}" for name, kind, meaning in fields]
        lines.append("")
    return "\n".join(lines)


def _exit_codes() -> str:
    from binoche_cli.cli.app import ExitCode

    meaning = {
        ExitCode.OK: "results printed (or help shown)",
        ExitCode.NO_MATCH: "a valid query matched nothing (the output is still well-formed)",
        ExitCode.USAGE: "usage error: a bad option, value or output path; nothing was done",
        ExitCode.DATA: "the dataset, the viewing log or an input file cannot be read or is invalid",
        ExitCode.AMBIGUOUS: "a title matched several films; the candidates are listed on stderr",
        ExitCode.OUTPUT: "standard output or an output file cannot be written (closed, disk full)",
        ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
    }
    lines = ["Exit codes", ""]
    lines += [f"  {int(code):>3}  {meaning[code]}" for code in ExitCode]
    return "\n".join(lines) + "\n"


def _dataset() -> str:
    return """The dataset

The bundled TOML file holds films and other screen work, awards, stage work, dated events
and the viewing guide. Every record carries public source URLs.

  binoche data path         where the dataset in use is
  binoche data info         as-of date, counts, newest work, source domains, licence
  binoche data validate     check a file; every problem with its place (film[12].year)
  binoche --data FILE ...   use another file of the same schema (or BINOCHE_DATA=FILE)

The schema is described in data/README.md in the source repository.
"""


TOPICS: dict[str, Callable[[], str]] = {
    "formats": _formats,
    "fields": _fields,
    "exit-codes": _exit_codes,
    "dataset": _dataset,
}
