"""The README's generated parts: the command reference (from the registered commands and
their help) and the tour (from real runs of its commands).

`python -m tools.reference --write README.md` regenerates both in place;
`python -m tools.reference` prints the reference. tests/test_docs.py fails when the
README's copy differs, so neither can drift from the tool.
"""

from __future__ import annotations

from pathlib import Path

from binoche_cli.about.walk import help_text, walk_commands

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"


def render_reference() -> str:
    import typer

    from binoche_cli.cli.app import ROOT_OPTIONS
    from binoche_cli.cli.application import app

    root = typer.main.get_command(app)
    shared = ", ".join(f"`{name}`" for name in ROOT_OPTIONS)
    lines = [START, "", f"Every command also takes the root options {shared} (see `binoche --help`).", ""]
    for path, command in walk_commands(root, "binoche"):
        first, _, rest = help_text(command).partition("\n\n")
        summary = " ".join(first.split())
        usage = " ".join(
            p.human_readable_name.upper() if p.param_type_name == "argument" else "" for p in command.params
        ).split()
        lines += [f"### `{path}`", "", summary.strip(), ""]
        lines += ["```", f"{path} [OPTIONS] {' '.join(usage)}".rstrip(), rest.strip(), "```", ""]
        options = [
            p
            for p in command.params
            if p.param_type_name == "option" and p.help and not set(p.opts) & set(ROOT_OPTIONS)
        ]
        if options:
            lines += ["| option | meaning |", "|---|---|"]
            for p in options:
                names = ", ".join(f"`{o}`" for o in [*p.opts, *p.secondary_opts])
                lines.append(f"| {names} | {p.help.replace('|', '/')} |")
            lines.append("")
    lines.append(END)
    return "\n".join(lines)


TOUR_START = "```console\n"


def tour_blocks(readme: str) -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for each `$ ` line of the README's tour."""
    start = readme.index(TOUR_START) + len(TOUR_START)
    body = readme[start : readme.index("\n```", start)]
    blocks: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            blocks.append((line[2:], []))
        elif blocks:
            blocks[-1][1].append(line)
    return [(command, trim(lines)) for command, lines in blocks]


def trim(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def run_tour_command(command: str, scratch: Path) -> list[str]:
    """Run one tour command as a user would (bash, `binoche` on PATH, 90 columns, a fresh
    watch list and cache) and return what it printed."""
    import os
    import subprocess
    import sys

    shim = scratch / "bin"
    shim.mkdir(parents=True, exist_ok=True)
    (shim / "binoche").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m binoche_cli "$@"\n')
    (shim / "binoche").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
        "COLUMNS": "90",
        "BINOCHE_HOME": str(scratch / "home"),
        "BINOCHE_CACHE_DIR": str(scratch / "cache"),
    }
    for name in ("BINOCHE_DATA", "BINOCHE_TITLES", "NO_COLOR", "FORCE_COLOR", "TERM"):
        env.pop(name, None)
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, timeout=120)
    return trim((result.stderr + result.stdout).splitlines())


def regenerate_readme(path: Path) -> None:
    """Rewrite the README's reference and tour from the tool itself."""
    import tempfile

    text = path.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    text = text[:start] + render_reference() + text[end:]
    tour_start = text.index(TOUR_START) + len(TOUR_START)
    tour_end = text.index("\n```", tour_start)
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for command, _ in tour_blocks(text):
            lines += [f"$ {command}", *run_tour_command(command, Path(scratch)), ""]
    text = text[:tour_start] + "\n".join(trim(lines)) + text[tour_end:]
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--write"] and len(sys.argv) == 3:
        regenerate_readme(Path(sys.argv[2]))
    else:
        print(render_reference())
