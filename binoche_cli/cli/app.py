"""The Typer objects, the exit codes and the per-invocation state.

Commands live in `commands/`, which register on `app`; `run.main` runs it. This module holds
only what every command shares: the root options and how failures become exit codes.
"""

import os
import shlex
import sys
from collections.abc import Callable
from enum import IntEnum
from typing import Annotated, Any, Optional, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from binoche_cli.cli import completion, declarations, framework, help_layout, shells
from binoche_cli.cli.declarations import ROOT, OptionProblem, OptionSpec
from binoche_cli.cli.streams import OUTPUT_ERRNOS, output_failed, silence_stdout
from binoche_cli.dataset.catalog import Catalog, DataError
from binoche_cli.output.render import message
from binoche_cli.output.terminal import Terminal


class ExitCode(IntEnum):
    """The documented exit codes (README, `binoche help exit-codes`)."""

    OK = 0
    NO_MATCH = 1  # a valid query matched nothing
    USAGE = 2  # bad option or argument; nothing was done
    DATA = 3  # the dataset, the viewing log or an input file cannot be read or is invalid
    AMBIGUOUS = 4  # a title matched several films; the candidates are listed on stderr
    OUTPUT = 5  # standard output or an output file cannot be written (closed, disk full)
    INTERRUPTED = 130


EXIT_CODE_HELP = (
    "0 results printed; 1 nothing matched; 2 usage error; 3 dataset, viewing log or input file "
    "unreadable or invalid; 4 a title matched several films; 5 cannot write the output; "
    "130 interrupted."
)


class State:
    """Per-invocation settings from the root options; the catalogue loads on first use."""

    def __init__(self, data: str | None = None, color: str = "auto", titles: str | None = None) -> None:
        self.data = data
        self.color = color
        self.csv_safe = False  # --csv-safe: neutralise spreadsheet formulas in CSV cells
        # --titles is checked now; BINOCHE_TITLES only when it is the source (see `titles`), so
        # a bad option is blamed on the option and a bad variable on the variable.
        self._titles = check_titles(titles) if titles is not None else None
        self._catalog: Catalog | None = None
        self._terminal: Terminal | None = None

    @property
    def titles(self) -> str:
        """--titles (before or after the command), else BINOCHE_TITLES, else english."""
        if self._titles is None:
            self._titles = check_titles(os.environ.get("BINOCHE_TITLES") or "english", "BINOCHE_TITLES")
        return self._titles

    @titles.setter
    def titles(self, mode: str) -> None:
        self._titles = mode

    def catalog(self) -> Catalog:
        if self._catalog is None:
            from binoche_cli.dataset.catalog import load, resolve_path

            self._catalog = load(resolve_path(self.data), one_shot=True)
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


def _usage(check: Callable[..., Any], *args: Any) -> Any:
    """A declaration's check (cli/declarations.py) with its failure as a usage error."""
    try:
        return check(*args)
    except OptionProblem as problem:
        raise typer.BadParameter(problem.text, param_hint=problem.hint) from None


def check_data_path(value: str | None, option: str = "'--data'") -> str | None:
    result: str | None = _usage(declarations.check_data_path, value, option)
    return result


def check_color(value: str | None) -> str | None:
    result: str | None = _usage(declarations.check_color, value)
    return result


def check_titles(value: str, where: str = "'--titles'") -> str:
    result: str = _usage(declarations.check_titles, value, where)
    return result


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


# Taken by the root and by every command (CommandWithRootOptions), in either position.
ROOT_OPTIONS = tuple(spec.names[0] for spec in ROOT.values())


def declared_option(spec: OptionSpec, **more: Any) -> Any:
    """The Typer option a declaration describes (cli/declarations.py)."""
    names = (
        spec.names if spec.arity != "switch" else (f"{spec.names[0]}/{spec.off_names[0]}", *spec.names[1:])
    )
    if "autocompletion" not in more:  # the root options (options.py passes its own)
        more["autocompletion"] = _completer(spec)
    return typer.Option(
        *names,
        help=spec.help,
        metavar=spec.metavar or None,
        show_default=spec.show_default,
        min=spec.minimum,
        **more,
    )


def _completer(spec: OptionSpec) -> Callable[[str], list[str]] | None:
    """The option's completer from completion.py, attached only when the shell asks for
    completions (Typer inspects each completer as it builds a command)."""
    if not spec.completer or not os.environ.get(completion.COMPLETE_VAR):
        return None
    found: Callable[[str], list[str]] = getattr(completion, spec.completer)
    return found


def _click_completer(spec: OptionSpec) -> Callable[[Any, Any, str], list[str]] | None:
    """`_completer` as a TyperOption calls it: with the context and the arguments too."""
    complete = _completer(spec)
    if complete is None:
        return None
    return lambda ctx, args, incomplete: complete(incomplete)


class CommandWithRootOptions(TyperCommand):
    """A command that also accepts the root options (`--data`, `--color`, `--titles`,
    `--csv-safe`) after its name, so `binoche films --color never` works like
    `binoche --color never films`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if os.environ.get("_BINOCHE_COMPLETE"):
            framework.complete_unfiltered(self)
        self.params.extend(
            TyperOption(
                param_decls=[*spec.names, name],
                metavar=spec.metavar or None,
                help=spec.help,
                is_flag=spec.arity == "flag",
                default=False if spec.arity == "flag" else None,
                expose_value=False,
                callback=_root_option_callback,
                autocompletion=_click_completer(spec),
            )
            for name, spec in ROOT.items()
        )


class ExitCodeMappingGroup(TyperGroup):
    """Turns the failures every command shares into their documented exit codes."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        help_layout.format_commands(self, ctx, formatter)

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


_SHELL_NAMED = "binoche.completion_shell"  # ctx.meta key: the shell after --install-completion
_TYPERS_COMPLETION_OPTIONS = ("install_completion", "show_completion")


def _completion_option(ctx: Any, param: Any, value: bool) -> None:
    """`--show-completion [SHELL]` prints the script, `--install-completion [SHELL]` installs it;
    an unknown shell is a usage error and nothing is written."""
    if not value or ctx.resilient_parsing:
        return
    try:
        shell = shells.choose_shell(ctx.meta.get(_SHELL_NAMED))
        if param.name == "show_completion":
            sys.stdout.write(shells.script(shell))
        else:
            try:
                message(f"binoche: {shells.install(shell)}")
            except OSError as exc:
                where = f"{exc.filename}: " if exc.filename else ""
                message(f"binoche: {where}cannot install completion: {exc.strerror or exc}")
                raise typer.Exit(ExitCode.OUTPUT) from None
    except shells.ShellProblem as exc:
        message(f"binoche: {exc}")
        raise typer.Exit(ExitCode.USAGE) from None
    raise typer.Exit(ExitCode.OK)


_COMPLETION_OPTIONS = shells.completion_options(_completion_option)


class RootGroup(ExitCodeMappingGroup):
    """The app itself: our completion options in place of Typer's, which install bash
    completion for `--install-completion tcsh` and print a traceback for PowerShell."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = [p for p in super().get_params(ctx) if p.name not in _TYPERS_COMPLETION_OPTIONS]
        at = next((i for i, p in enumerate(params) if p.name == "help"), len(params))
        return [*params[:at], *_COMPLETION_OPTIONS, *params[at:]]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        args, ctx.meta[_SHELL_NAMED] = shells.take_shell_name(args)
        rest: list[str] = super().parse_args(ctx, args)
        return rest


_OUTPUT_ERRNOS = OUTPUT_ERRNOS


def _report_data_error(exc: DataError, data: str | None) -> None:
    """The first problem, and the command that lists them all for the file in use."""
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
        f"Exit codes: {EXIT_CODE_HELP}"
    ),
    pretty_exceptions_enable=False,
    **{**GROUP_SETTINGS, "cls": RootGroup},
)


def _version(value: bool) -> None:
    if value:
        from binoche_cli import __version__

        print(f"binoche {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[Optional[str], declared_option(ROOT["data"])] = None,
    color: Annotated[str, declared_option(ROOT["color"])] = "auto",
    titles: Annotated[Optional[str], declared_option(ROOT["titles"])] = None,
    csv_safe: Annotated[bool, declared_option(ROOT["csv_safe"])] = False,
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
