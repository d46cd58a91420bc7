"""The Typer objects, the exit codes, the per-invocation state and `main`.

Commands live in `commands/`; `cli.py` imports them so they register on `app`. This module
holds only what every command shares: how failures become exit codes, and how a run starts
and ends.
"""

import errno
import os
import sys
from collections.abc import Callable
from enum import IntEnum
from typing import Annotated, Any, NamedTuple, Optional, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from binoche_cli.dataset.catalog import Catalog, DataError
from binoche_cli.output.render import message
from binoche_cli.output.terminal import COLOR_MODES, Terminal
from binoche_cli.text import quote


class ExitCode(IntEnum):
    """The documented exit codes (README, `binoche help exit-codes`)."""

    OK = 0
    NO_MATCH = 1  # a valid query matched nothing
    USAGE = 2  # bad option or argument; nothing was done
    DATA = 3  # the dataset, the watch list or an input file cannot be read or is invalid
    AMBIGUOUS = 4  # a title matched several films; the candidates are listed on stderr
    OUTPUT = 5  # standard output is closed or full
    INTERRUPTED = 130


EXIT_CODE_HELP = (
    "0 results printed; 1 nothing matched; 2 usage error; 3 dataset, watch list or input file "
    "unreadable or invalid; 4 a title matched several films; 5 cannot write to standard output; "
    "130 interrupted."
)


class State:
    """Per-invocation settings from the root options; the catalogue loads on first use."""

    def __init__(self, data: str | None = None, color: str = "auto", titles: str | None = None) -> None:
        self.data = data
        self.color = color
        self.csv_safe = False  # --csv-safe: neutralise spreadsheet formulas in CSV cells
        self.titles = check_titles(titles or os.environ.get("BINOCHE_TITLES") or "english", "BINOCHE_TITLES")
        self._catalog: Catalog | None = None
        self._terminal: Terminal | None = None

    def catalog(self) -> Catalog:
        if self._catalog is None:
            from binoche_cli.dataset.catalog import load, resolve_path

            self._catalog = load(resolve_path(self.data))
        return self._catalog

    def terminal(self) -> Terminal:
        if self._terminal is None:
            self._terminal = Terminal.detect(self.color)
        return self._terminal


def state_of(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def check_data_path(value: str | None, option: str = "'--data'") -> str | None:
    if value is not None and not value.strip():
        raise typer.BadParameter("needs a file path, not an empty string", param_hint=option)
    return value


def check_color(value: str | None) -> str | None:
    if value is not None and value.lower() not in COLOR_MODES:
        raise typer.BadParameter(
            f"{quote(value)}; choose from {', '.join(COLOR_MODES)}", param_hint="'--color'"
        )
    return value.lower() if value is not None else None


TITLE_MODES = ("english", "original", "both")


def check_titles(value: str, where: str = "'--titles'") -> str:
    mode = value.strip().lower()
    found = [m for m in TITLE_MODES if m.startswith(mode)] if mode else []
    if len(found) != 1:
        raise typer.BadParameter(f"{quote(value)}; choose from {', '.join(TITLE_MODES)}", param_hint=where)
    return found[0]


def _root_option_callback(ctx: Any, param: Any, value: str | None) -> None:
    # Runs after the root callback made the State: a value given after the subcommand wins.
    if value is None:
        return
    state = state_of(ctx)
    if param.name == "csv_safe":
        state.csv_safe = state.csv_safe or bool(value)
    elif param.name == "data":
        state.data = check_data_path(value)
    elif param.name == "titles":
        state.titles = check_titles(value)
    else:
        state.color = check_color(value) or "auto"


DATA_HELP = "Read another dataset file of the same schema (also: BINOCHE_DATA)."
COLOR_HELP = "auto, always or never (beats NO_COLOR and FORCE_COLOR)."
# Taken by the root and by every command (CommandWithRootOptions), in either position.
ROOT_OPTIONS = ("--data", "--color", "--titles", "--csv-safe")
CSV_SAFE_HELP = "In CSV, prefix cells starting with = + - @ with ' so spreadsheets do not run them."
TITLES_HELP = "english, original or both: the titles shown (also: BINOCHE_TITLES; JSON has both)."


class _Candidate(NamedTuple):
    """One completion, as Click's shell formatters read it."""

    value: str
    help: str | None = None
    type: str = "plain"


def _unfiltered(complete: Callable[[str], list[str]]) -> Callable[[Any, str], list[_Candidate]]:
    # Typer keeps only candidates that start with the typed text, which would drop
    # "Krzysztof Kieślowski" for `kieś`; our completers already match accent- and case-blind.
    def shell_complete(ctx: Any, incomplete: str) -> list[_Candidate]:
        return [_Candidate(value) for value in complete(incomplete)]

    return shell_complete


class CommandWithRootOptions(TyperCommand):
    """A command that also accepts the root options (`--data`, `--color`, `--titles`,
    `--csv-safe`) after its name, so `binoche films --color never` works like
    `binoche --color never films`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if os.environ.get("_BINOCHE_COMPLETE"):
            self._complete_display_forms()
        self.params.extend(
            TyperOption(
                param_decls=[f"--{name}", name],
                metavar=metavar,
                help=text,
                expose_value=False,
                callback=_root_option_callback,
            )
            for name, metavar, text in (
                ("data", "PATH", DATA_HELP),
                ("color", "MODE", COLOR_HELP),
                ("titles", "LANG", TITLES_HELP),
            )
        )
        self.params.append(
            TyperOption(
                param_decls=["--csv-safe", "csv_safe"],
                is_flag=True,
                default=False,
                help=CSV_SAFE_HELP,
                expose_value=False,
                callback=_root_option_callback,
            )
        )

    def _complete_display_forms(self) -> None:
        """Give each parameter with a completer our own, unfiltered, completion."""
        import inspect

        from typer.utils import get_params_from_function

        if self.callback is None:
            return
        declared = get_params_from_function(inspect.unwrap(self.callback))
        for param in self.params:
            meta = declared.get(param.name or "")
            complete = getattr(getattr(meta, "default", None), "autocompletion", None)
            if complete is not None:
                param.shell_complete = _unfiltered(complete)  # type: ignore[method-assign,assignment]


class ExitCodeMappingGroup(TyperGroup):
    """Turns the failures every command shares into their documented exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # inside the guard, so a closed pipe is caught here
            return result
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                raise
            raise typer.Exit(output_failed(exc)) from None
        except DataError as exc:
            _report_data_error(exc, state_of(ctx).data)
            raise typer.Exit(ExitCode.DATA) from None
        except KeyboardInterrupt:
            raise typer.Exit(ExitCode.INTERRUPTED) from None


# What a full disk, a full /dev/full, a vanished terminal or a closed descriptor raise when
# standard output is written. Files the tool writes report their own errors before this.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, errno.EDQUOT}


def output_failed(exc: OSError) -> int:
    """Report that stdout cannot be written, and quiet it so the final flush does not retry."""
    message(f"binoche: cannot write to standard output: {exc.strerror or exc}")
    silence_stdout()
    return int(ExitCode.OUTPUT)


def silence_stdout() -> None:
    # The reader went away: point stdout at devnull so the interpreter's final flush is quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _report_data_error(exc: DataError, data: str | None) -> None:
    """The first problem, and the command that lists them all for the file in use."""
    import shlex

    from binoche_cli.text import plural

    problems = exc.problems
    more = len(problems) - 1
    check = "binoche data validate" + (f" {shlex.quote(data)}" if data else "")
    extra = f" (and {plural(more, 'more problem')}; run '{check}')" if more else ""
    message(f"binoche: {problems[0]}{extra}")


# Shared by the app and its sub-groups. Plain Click help: Typer's Rich help imports
# markdown-it, about 60 ms on every `--help`.
GROUP_SETTINGS: dict[str, Any] = {
    "cls": ExitCodeMappingGroup,
    "no_args_is_help": True,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(
    name="binoche",
    help=(
        "Explore Juliette Binoche's screen career: films, directors, awards, timelines.\n\n"
        "Output is a table on a terminal and tab-separated lines in a pipe; choose with -f.\n\n"
        "\b\nExamples:\n"
        "  binoche director kieslowski\n"
        "  binoche films --decade 1990s -f json\n"
        "  binoche awards --won | cut -f2\n"
        "  binoche timeline --director assayas\n"
        "  binoche help formats\n\n"
        f"\b\nExit codes: {EXIT_CODE_HELP}"
    ),
    pretty_exceptions_enable=False,
    **GROUP_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        from binoche_cli import __version__

        print(f"binoche {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[Optional[str], typer.Option("--data", help=DATA_HELP, metavar="PATH")] = None,
    color: Annotated[str, typer.Option("--color", help=COLOR_HELP, metavar="MODE")] = "auto",
    titles: Annotated[Optional[str], typer.Option("--titles", help=TITLES_HELP, metavar="LANG")] = None,
    csv_safe: Annotated[bool, typer.Option("--csv-safe", help=CSV_SAFE_HELP)] = False,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    ctx.obj = State(data=check_data_path(data), color=check_color(color) or "auto", titles=titles)
    ctx.obj.csv_safe = csv_safe


CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


def command(typer_app: typer.Typer, name: str | None = None) -> Callable[[CommandFunction], CommandFunction]:
    """`@command(app)`: register a command that also takes the root options."""
    register: Callable[[CommandFunction], CommandFunction] = typer_app.command(
        name, cls=CommandWithRootOptions
    )
    return register


def sub_app(help_text: str) -> typer.Typer:
    return typer.Typer(help=help_text, **GROUP_SETTINGS)


# ---------------------------------------------------------------------------------------
# Entry point


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
_ROOT_VALUE_OPTIONS = {"--data", "--color", "--titles"}  # --csv-safe is a flag: no value


def command_name(info: Any) -> str:
    """The name Typer gives a registered command: its own, or the function's, dashed."""
    from typer.main import get_command_name

    if info.name:
        return str(info.name)
    return str(get_command_name(info.callback.__name__))


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
    import copy

    narrowed = copy.copy(app)
    narrowed.registered_commands = commands
    narrowed.registered_groups = groups
    return narrowed


def _completion_args() -> list[str] | None:
    """The words typed so far when the shell asks for completions, else None."""
    if not os.environ.get("_BINOCHE_COMPLETE"):
        return None
    import shlex

    # bash sets COMP_WORDS; zsh, fish and PowerShell pass _TYPER_COMPLETE_ARGS.
    words = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS", "")
    try:
        return shlex.split(words)[1:]
    except ValueError:
        return []


def _print_help(exc: Any) -> int:
    """`binoche`, `binoche seen`: the same multi-line help as --help, on stdout."""
    sys.stdout.write(exc.ctx.get_help() + "\n")
    return int(ExitCode.OK)


_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _named_shell_completion(args: list[str]) -> list[str]:
    """`--show-completion zsh` and `--install-completion=fish` honour the named shell.

    Typer's options only take a shell name when its shell detection is off; the switch is an
    environment variable of Typer's (tested in tests/test_first_contact.py, Typer pinned).
    """
    for i, arg in enumerate(args):
        option, _, value = arg.partition("=")
        if option not in ("--show-completion", "--install-completion"):
            continue
        if not value and i + 1 < len(args) and args[i + 1] in _SHELLS:
            value = args[i + 1]
            args = [*args[:i], *args[i + 2 :]]
        if value in _SHELLS:
            os.environ["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = "1"
            return [*args[:i], option, value, *args[i + 1 :]]
        break
    return args


def _bare_fields(args: list[str]) -> list[str]:
    """A bare `--fields` (last, or before another option) asks for the list of fields."""
    from binoche_cli.cli.options import LIST_FIELDS

    fixed = list(args)
    for i, arg in enumerate(fixed):
        if arg == "--":
            break
        if arg == "--fields" and (i + 1 == len(fixed) or fixed[i + 1].startswith("-")):
            fixed[i] = f"--fields={LIST_FIELDS}"
    return fixed


def main(register: Callable[[str | None], None] | None = None) -> None:
    """Console-script entry point: documented exit codes, never a traceback.

    `register(name)` imports the command modules the invoked subcommand needs (all of them
    for help, completion of the command name, or a typo); without it, every command must
    already be registered (`cli` does that).
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        args = _bare_fields(_named_shell_completion(sys.argv[1:]))
        completing = _completion_args()
        name = invoked_name(completing if completing is not None else args)
        if register is not None:
            register(name)  # imports: a Ctrl-C here is an interrupt like any other
        command_obj = typer.main.get_command(_app_for(name))
        code = command_obj.main(args=args, prog_name="binoche", standalone_mode=False)
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            code = _print_help(exc)
        else:
            _usage_error(exc)
            code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        code = ExitCode.OK
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        code = output_failed(exc)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)
