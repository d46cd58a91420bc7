"""The fast lane: a common piped lookup answered before Typer is imported.

Importing Typer and building its command costs most of a lookup (issue 20). The lane answers
the well-formed, non-interactive invocations of the listing and lookup commands in a machine
format (plain, tsv, csv, json, jsonl) with the same option declarations (`declarations.py`),
the same checks, library functions and writers as the commands (`lane.py`).

It answers only when it is sure: anything else returns None and the Typer app runs on the
same argv, so help, completion, tables, every usage error, every "nothing matched" and every
ambiguity still come from one place. It never writes before it is sure.
tests/test_fast.py runs thousands of argv both ways and requires identical output.
`BINOCHE_FAST=0` turns it off.

This gate imports nothing of ours: a command the lane never answers (help, `seen`, `man`,
completion, a terminal) pays for none of the lane's imports.
"""

import os
import sys

# The commands the lane answers (lane.COMMANDS has one entry for each).
LANE_COMMANDS = frozenset(
    ("films", "decade", "director", "award", "awards", "directors", "film", "search", "costars", "together")
)


def answer(argv: list[str]) -> int | None:
    """Answer `argv` and return the exit code, or None when the Typer app must answer."""
    if os.environ.get("BINOCHE_FAST") == "0" or "_BINOCHE_COMPLETE" in os.environ:
        return None
    if LANE_COMMANDS.isdisjoint(argv) or _on_a_terminal():
        return None  # no lane command named, or tables for a person: Typer's side
    from binoche_cli.cli.fast import lane

    return lane.answer(argv)


def _on_a_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
