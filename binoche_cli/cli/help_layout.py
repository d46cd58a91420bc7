"""The command lists of `--help`: the root's commands in groups, in the order a newcomer needs
them, each with a summary that fits one line at 80 columns (the docstrings' first lines, kept
for the man pages and the README, are longer); a sub-group's commands with their first
sentence, never cut with "...". tests/test_help_layout.py checks every command is grouped.
"""

from typing import Any

COMMAND_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Look up films",
        (
            ("films", "List films; filter by decade, director, award, kind, language."),
            ("film", "Everything about one film: credits, awards, identifiers."),
            ("search", "Search titles, roles, people and awards at once."),
            ("decade", "Films of one decade."),
            ("director", "Films by a director."),
            ("award", "Films with a given award, won or nominated."),
            ("awards", "Award rows: wins and nominations, by year."),
            ("open", "Open a film's page: IMDb, Letterboxd, TMDb, Wikipedia."),
        ),
    ),
    (
        "People",
        (
            ("directors", "Every director she worked with, most frequent first."),
            ("costars", "Every co-star, most frequent first."),
            ("together", "Every work she shares with someone."),
            ("graph", "The collaboration network, for Graphviz or JSON."),
        ),
    ),
    (
        "Pictures",
        (
            ("timeline", "The career year by year, with award markers."),
            ("stats", "Numbers at a glance: decades, kinds, languages, awards."),
        ),
    ),
    (
        "Your viewing log",
        (
            ("seen", "Log what you watched; rate, list, import, export."),
            ("next", "Suggest the next film to watch."),
            ("guide", "A path into the filmography, step by step."),
        ),
    ),
    (
        "Data and docs",
        (
            ("data", "Where the dataset is, whether it is valid, what it holds."),
            ("help", "Help for a command, or a topic: formats, fields, exit codes."),
            ("schema", "The JSON Schema of a command's JSON output."),
            ("man", "The manual page of binoche or of a command."),
        ),
    ),
)
_SUMMARIES = {name: summary for _, rows in COMMAND_GROUPS for name, summary in rows}


def format_commands(group: Any, ctx: Any, formatter: Any) -> None:
    """The commands in their groups (the root) or in order (a sub-group), each summary whole:
    Click would cut it with "..." to fit, even at 200 columns."""
    shown = {}
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is not None and not cmd.hidden:
            shown[name] = cmd
    if not shown:
        return
    groups: list[tuple[str, list[str]]] = []
    if ctx.parent is None:
        groups = [(title, [n for n, _ in rows if n in shown]) for title, rows in COMMAND_GROUPS]
    grouped = {n for _, names in groups for n in names}
    rest = [n for n in shown if n not in grouped]
    if rest:
        groups.append(("Other commands" if groups else "Commands", rest))
    width = max(len(n) for n in shown)  # one column for every group
    for title, names in groups:
        if not names:
            continue
        rows = [
            (n.ljust(width), _summary(n, shown[n]) if ctx.parent is None else _first_sentence(shown[n]))
            for n in names
        ]
        with formatter.section(title):
            formatter.write_dl(rows)


def _summary(name: str, cmd: Any) -> str:
    return _SUMMARIES.get(name) or _first_sentence(cmd)


def _first_sentence(cmd: Any) -> str:
    """A command's short help, or the first sentence of its help, never cut short."""
    text = cmd.short_help or (cmd.help or "").split("\n\n")[0]
    text = " ".join(text.split())
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text
