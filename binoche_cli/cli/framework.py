"""Every place we lean on Typer's (and its bundled Click's) internals, and only here.

Each is something the public API does not offer. tests/test_framework.py exercises each one,
so a Typer release that changes one underneath fails there, by name, instead of somewhere
downstream; pyproject pins the Typer range these were checked against.
"""

import contextlib
import copy
import inspect
import os
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import typer

# Typer raises this for a bare `binoche` or `binoche seen` (no_args_is_help). Its class lives in
# Typer's private copy of Click; Typer itself recognises it by class name (rich_utils), and we
# want the help on stdout with exit 0, not a usage error.
from typer._click.exceptions import NoArgsIsHelpError
from typer.main import get_command_name

# With this variable set, `--show-completion SHELL` / `--install-completion SHELL` take the
# shell from the command line instead of detecting it (Typer meant it for its own tests).
_SHELL_DETECTION_OFF = "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"


def is_help_for_no_args(exc: BaseException) -> bool:
    """A bare group (`binoche`, `binoche seen`): Typer's request to print the group's help."""
    return isinstance(exc, NoArgsIsHelpError)


@contextlib.contextmanager
def shell_named_on_the_command_line(named: bool) -> Iterator[None]:
    """While the app runs, let a named shell (`--show-completion zsh`) beat detection.
    The variable is restored afterwards, so an in-process run leaves the environment as it was."""
    if not named:
        yield
        return
    before = os.environ.get(_SHELL_DETECTION_OFF)
    os.environ[_SHELL_DETECTION_OFF] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(_SHELL_DETECTION_OFF, None)
        else:
            os.environ[_SHELL_DETECTION_OFF] = before


def command_name(info: Any) -> str:
    """The name Typer gives a registered command: its own, or the function's, dashed."""
    if info.name:
        return str(info.name)
    return str(get_command_name(info.callback.__name__))


def narrowed(app: typer.Typer, commands: list[Any], groups: list[Any]) -> typer.Typer:
    """A shallow copy of `app` holding only these commands and groups.

    Typer builds every command's Click parameters before parsing; with two dozen commands that
    is a third of the start-up. Typer has no public way to build one command of an app, so the
    copy's registration lists (public attributes, but not meant to be replaced) are swapped.
    """
    copied = copy.copy(app)
    copied.registered_commands = commands
    copied.registered_groups = groups
    return copied


class _Candidate(NamedTuple):
    """One completion, as Click's shell formatters read it (value, help, type)."""

    value: str
    help: str | None = None
    type: str = "plain"


def _unfiltered(complete: Callable[[str], list[str]]) -> Callable[[Any, str], list[_Candidate]]:
    def shell_complete(ctx: Any, incomplete: str) -> list[_Candidate]:
        return [_Candidate(value) for value in complete(incomplete)]

    return shell_complete


def complete_unfiltered(command: Any) -> None:
    """Give each parameter with a completer our own, unfiltered, completion.

    Typer keeps only candidates that start with the typed text, which would drop
    "Krzysztof Kieślowski" for `kieś`; our completers already match accent- and case-blind.
    So each parameter's `shell_complete` method is replaced, and the completer is found again
    through Typer's reading of the command function (`typer.utils.get_params_from_function`).
    """
    from typer.utils import get_params_from_function

    if command.callback is None:
        return
    # Typer wraps the callback; our filter decorator sets `__signature__`, which is what Typer read.
    function = inspect.unwrap(command.callback, stop=lambda f: hasattr(f, "__signature__"))
    declared = get_params_from_function(function)
    for param in command.params:
        meta = declared.get(param.name or "")
        complete = getattr(getattr(meta, "default", None), "autocompletion", None)
        if complete is not None:
            param.shell_complete = _unfiltered(complete)
