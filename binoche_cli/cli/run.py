"""Running the Typer app on argv: the subcommand found without parsing, only its family
imported and registered, argv prepared as Typer takes it, and every way a run can end turned
into a documented exit code. `entry.main` (the console script) calls `main` when the fast
lane does not answer."""

import sys
from collections.abc import Callable
from typing import Any

import typer

from binoche_cli.cli import completion, framework
from binoche_cli.cli.app import ExitCode, app
from binoche_cli.cli.declarations import LIST_FIELDS, ROOT
from binoche_cli.cli.streams import OUTPUT_ERRNOS, output_failed, silence_stdout
from binoche_cli.output.render import message

_OUTPUT_ERRNOS = OUTPUT_ERRNOS


def _usage_error(exc: Any) -> None:
    """Click's usage errors as one line, with a suggestion for a mistyped command."""
    text = exc.format_message()
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "binoche"
    text = " ".join(text.split())
    if len(text) > 300:  # an argument of 128 KB is not repeated whole
        text = text[:299] + "…"
    message(f"{where}: error: {text} (see '{where} --help')")


# Root options that take a value, so the subcommand can be found without parsing.
_ROOT_VALUE_OPTIONS = frozenset(spec.names[0] for spec in ROOT.values() if spec.arity != "flag")
command_name = framework.command_name


def invoked_name(args: list[str]) -> str | None:
    """The subcommand named in `args`, found without parsing; None for help and completion
    scripts, and when there is none."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _ROOT_VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
        elif (
            arg in ("-h", "--help")
            or arg.startswith("--install-completion")
            or arg.startswith("--show-completion")
        ):
            return None
    return None


def _app_for(name: str | None) -> typer.Typer:
    """The app with only the invoked subcommand registered.

    Typer turns every command's signature into Click parameters before parsing; with two
    dozen commands that is a third of the start-up time. When the subcommand is known, the
    others are left out; help, completion and typos still get the full app.
    """
    if name is None:
        return app
    commands = [c for c in app.registered_commands if command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    return framework.narrowed(app, commands, groups)


def _print_help(exc: Any) -> int:
    """`binoche`, `binoche seen`: the same multi-line help as --help, on stdout."""
    sys.stdout.write(exc.ctx.get_help() + "\n")
    return int(ExitCode.OK)


_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _named_shell_completion(args: list[str]) -> tuple[list[str], bool]:
    """`--show-completion zsh` and `--install-completion=fish` honour the named shell: the
    arguments Typer needs for that, and whether a shell was named (framework.py)."""
    for i, arg in enumerate(args):
        option, _, value = arg.partition("=")
        if option not in ("--show-completion", "--install-completion"):
            continue
        if not value and i + 1 < len(args) and args[i + 1] in _SHELLS:
            value = args[i + 1]
            args = [*args[:i], *args[i + 2 :]]
        if value in _SHELLS:
            return [*args[:i], option, value, *args[i + 1 :]], True
        break
    return args, False


def _bare_fields(args: list[str]) -> list[str]:
    """A bare `--fields` (last, or before another option) asks for the list of fields."""
    fixed = list(args)
    for i, arg in enumerate(fixed):
        if arg == "--":
            break
        if arg == "--fields" and (i + 1 == len(fixed) or fixed[i + 1].startswith("-")):
            fixed[i] = f"--fields={LIST_FIELDS}"
    return fixed


def prepared(argv: list[str]) -> tuple[list[str], bool]:
    """argv as the Typer app takes it, and whether a completion shell was named."""
    args, shell_named = _named_shell_completion(argv)
    return _bare_fields(args), shell_named


def _run(args: list[str], register: Callable[[str | None], None] | None) -> Any:
    """Typer on `args`; its exceptions as exit codes."""
    code: Any
    try:
        args, shell_named = prepared(args)
        completing = completion.completion_words()
        name = invoked_name(completing if completing is not None else args)
        if register is not None:
            register(name)  # imports: a Ctrl-C here is an interrupt like any other
        command_obj = typer.main.get_command(_app_for(name))
        with framework.shell_named_on_the_command_line(shell_named):
            code = command_obj.main(args=args, prog_name="binoche", standalone_mode=False)
    except typer.TyperException as exc:
        if framework.is_help_for_no_args(exc):
            code = _print_help(exc)
        else:
            _usage_error(exc)
            code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        code = ExitCode.INTERRUPTED
    except SystemExit as done:  # shell completion ends with sys.exit
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return code


def main(argv: list[str] | None = None, register: Callable[[str | None], None] | None = None) -> int:
    """Run the Typer app on `argv` (default: sys.argv[1:]) and return the documented exit
    code; never a traceback. (`entry.main` is the console script: it tries the fast lane first.)

    `register(name)` imports the command modules the invoked subcommand needs (all of them
    for help, completion of the command name, or a typo); without it, every command must
    already be registered (`application` does that).
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv), register)
        sys.stdout.flush()  # inside the guard: a closed pipe or a full disk is caught here
    except BrokenPipeError:
        silence_stdout()
        code = ExitCode.OK
    except OSError as exc:  # help, a completion script or output written to a full stdout
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        code = output_failed(exc)
    return int(code) if isinstance(code, int) else int(ExitCode.OK)
