"""The registered commands, walked in order, and their help as plain text: what the man
pages, the schemas and the README reference are derived from."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any


def walk_commands(group: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    for name in sorted(group.commands):
        command = group.commands[name]
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            yield from walk_commands(command, path)
        else:
            yield path, command


def help_text(command: Any) -> str:
    text = inspect.cleandoc(command.help or "")
    return "\n".join(line for line in text.splitlines() if line.strip() != "\b")


def command_paths() -> list[str]:
    from binoche_cli.cli.application import command_tree

    return [path for path, _ in walk_commands(command_tree(), "binoche")]
