"""The README's command reference, generated from the registered commands and their help.

`python -m binoche_cli.reference` prints it; tests/test_docs.py fails when the README's copy
differs, so the reference cannot drift from `--help`.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"


def _commands(group: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    for name in sorted(group.commands):
        command = group.commands[name]
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            yield from _commands(command, path)
        else:
            yield path, command


def _help_text(command: Any) -> str:
    text = inspect.cleandoc(command.help or "")
    return "\n".join(line for line in text.splitlines() if line.strip() != "\b")


def command_paths() -> list[str]:
    import typer

    from .cli import app

    return [path for path, _ in _commands(typer.main.get_command(app), "binoche")]


def render_reference() -> str:
    import typer

    from .cli import app

    root = typer.main.get_command(app)
    lines = [START, ""]
    for path, command in _commands(root, "binoche"):
        summary, _, rest = _help_text(command).partition("\n")
        usage = " ".join(
            p.human_readable_name.upper() if p.param_type_name == "argument" else "" for p in command.params
        ).split()
        lines += [f"### `{path}`", "", summary.strip(), ""]
        lines += ["```", f"{path} [OPTIONS] {' '.join(usage)}".rstrip(), rest.strip(), "```", ""]
        options = [p for p in command.params if p.param_type_name == "option" and p.help]
        if options:
            lines += ["| option | meaning |", "|---|---|"]
            for p in options:
                names = ", ".join(f"`{o}`" for o in [*p.opts, *p.secondary_opts])
                lines.append(f"| {names} | {p.help.replace('|', '/')} |")
            lines.append("")
    lines.append(END)
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_reference())
