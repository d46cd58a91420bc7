"""The shell completion scripts: `--show-completion SHELL` prints one, `--install-completion
SHELL` installs it where that shell looks. Ours rather than Typer's: Typer's zsh script filters
candidates by prefix (dropping Kieślowski for `kies`) and does nothing on the first Tab, its
install writes bash completion for any unknown shell name, and its PowerShell install ends in a
traceback when PowerShell is not there. The candidates themselves come from completion.py.
"""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.core import TyperOption

PROG = "binoche"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")

_BASH_SCRIPT = """\
_binoche_completion() {
    local IFS=$'\\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   _BINOCHE_COMPLETE=complete_bash $1 ) )
    return 0
}

complete -o default -F _binoche_completion binoche
"""

# Asks in bash's protocol (plain lines) and adds the candidates itself: `compadd -U` keeps
# "Krzysztof Kieślowski" for `kies`, which Typer's `_arguments` script filters out by prefix
# (several such candidates: a menu, so what was typed is not cut to their common prefix).
# The last lines make the first Tab work when the file is autoloaded from fpath (the body of an
# autoloaded `#compdef` file runs on that first Tab, so it must complete, not only register).
_ZSH_SCRIPT = """\
#compdef binoche

_binoche_completion() {
  local -a candidates
  candidates=("${(@f)$(env COMP_WORDS="${words[1,CURRENT]}" COMP_CWORD=$((CURRENT - 1)) \\
      _BINOCHE_COMPLETE_SHELL=zsh _BINOCHE_COMPLETE=complete_bash binoche 2>/dev/null)}")
  candidates=(${candidates:#})
  if (( ! ${#candidates} )); then
    _files
    return
  fi
  local candidate
  for candidate in "${candidates[@]}"; do
    if [[ $candidate != ${(b)PREFIX}* ]]; then
      compadd -U -- "${candidates[@]}"
      (( ${#candidates} > 1 )) && compstate[insert]=menu
      return
    fi
  done
  compadd -- "${candidates[@]}"
}

if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
  _binoche_completion "$@"
else
  compdef _binoche_completion binoche
fi
"""

_FISH_SCRIPT = (
    "complete --command binoche --no-files "
    '--arguments "(env _BINOCHE_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) binoche)" '
    '--condition "env _BINOCHE_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) binoche"\n'
)

_POWERSHELL_SCRIPT = """\
$scriptblock = {
    param($wordToComplete, $commandAst, $cursorPosition)
    $Env:_BINOCHE_COMPLETE = "complete_powershell"
    $Env:_TYPER_COMPLETE_ARGS = $commandAst.ToString()
    $Env:_TYPER_COMPLETE_WORD_TO_COMPLETE = $wordToComplete
    binoche | ForEach-Object {
        $commandArray = $_ -Split ":::"
        $command = $commandArray[0]
        $helpString = $commandArray[1]
        [System.Management.Automation.CompletionResult]::new(
            $command, $command, 'ParameterValue', $helpString)
    }
    $Env:_BINOCHE_COMPLETE = ""
    $Env:_TYPER_COMPLETE_ARGS = ""
    $Env:_TYPER_COMPLETE_WORD_TO_COMPLETE = ""
}
Register-ArgumentCompleter -Native -CommandName binoche -ScriptBlock $scriptblock
"""

_SCRIPTS = {
    "bash": _BASH_SCRIPT,
    "zsh": _ZSH_SCRIPT,
    "fish": _FISH_SCRIPT,
    "powershell": _POWERSHELL_SCRIPT,
    "pwsh": _POWERSHELL_SCRIPT,
}


class ShellProblem(Exception):
    """A shell we cannot serve (unknown, undetected, not installed); one line for stderr."""


def choose_shell(named: str | None) -> str:
    """The shell named on the command line, else the one running binoche; ShellProblem when
    it is not one we have a script for."""
    supported = ", ".join(SHELLS)
    if named:
        shell = named.strip().lower()
        if shell not in SHELLS:
            from binoche_cli.text import quote

            raise ShellProblem(f"no completion for the shell {quote(named)}; supported: {supported}")
        return shell
    detected = _detect_shell()
    if detected not in SHELLS:
        what = f"the shell {detected}" if detected else "which shell this is"
        raise ShellProblem(f"cannot complete for {what}; name one of: {supported}")
    return detected


def _detect_shell() -> str:
    try:
        import shellingham  # type: ignore[import-untyped]  # Typer's dependency, for the same question

        name, _ = shellingham.detect_shell()
        return str(name).lower()
    except Exception:  # detection failing for any reason means "not known"
        return os.path.basename(os.environ.get("SHELL", "")).lower()


def script(shell: str) -> str:
    """The completion script for `shell` (one of SHELLS)."""
    return _SCRIPTS[shell]


def install(shell: str) -> str:
    """Install the script for `shell` where that shell looks for it; returns a sentence saying
    where. ShellProblem when PowerShell is not installed; OSError when a file cannot be written.
    Nothing is written for a shell we do not know (choose_shell first)."""
    home = Path.home()
    text = script(shell)
    if shell == "bash":
        target = home / ".bash_completions" / f"{PROG}.sh"
        _write(target, text)
        _add_line(home / ".bashrc", f"source '{target}'")
    elif shell == "zsh":
        target = home / ".zfunc" / f"_{PROG}"
        _write(target, text)
        _add_line(home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit")
    elif shell == "fish":
        target = home / ".config" / "fish" / "completions" / f"{PROG}.fish"
        _write(target, text)
    else:
        target = _powershell_profile(shell)
        if text not in (target.read_text(encoding="utf-8") if target.is_file() else ""):
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("a", encoding="utf-8") as profile:
                profile.write("\n" + text)
    return f"{shell} completion installed in {target}; it takes effect in a new shell"


def _write(target: Path, text: str) -> None:
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _add_line(rc_file: Path, line: str) -> None:
    """Append `line` to a shell start-up file unless it is there already."""
    path = Path(rc_file)
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if line not in current.splitlines():
        with path.open("a", encoding="utf-8") as rc:
            rc.write(("" if not current or current.endswith("\n") else "\n") + line + "\n")


def _powershell_profile(shell: str) -> Path:
    """The user's PowerShell profile, as PowerShell itself reports it."""
    import shutil
    import subprocess

    program = shutil.which(shell) or shutil.which("pwsh" if shell == "powershell" else "powershell")
    if program is None:
        raise ShellProblem(
            f"{shell} is not installed here; to set it up by hand, add the output of "
            f"'binoche --show-completion {shell}' to your PowerShell profile ($PROFILE)"
        )
    try:
        done = subprocess.run(
            [program, "-NoProfile", "-Command", "echo $PROFILE"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ShellProblem(f"cannot ask {shell} where its profile is: {exc}") from None
    location = done.stdout.decode("utf-8", "replace").strip()
    if not location:
        raise ShellProblem(f"{shell} did not say where its profile is")
    return Path(location)


def take_shell_name(args: list[str]) -> tuple[list[str], str | None]:
    """`--install-completion zsh`, `--show-completion=fish`: the word naming the shell, taken
    out of the arguments (the options themselves are flags, so a bare one detects the shell)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        option, equals, value = arg.partition("=")
        if option not in ("--install-completion", "--show-completion"):
            continue
        if equals:
            return [*args[:i], option, *args[i + 1 :]], value
        if i + 1 < len(args) and not args[i + 1].startswith("-"):
            return [*args[: i + 1], *args[i + 2 :]], args[i + 1]
        break
    return args, None


def completion_options(callback: Callable[[Any, Any, bool], None]) -> list[Any]:
    """The root's `--install-completion` and `--show-completion`, eager flags run by `callback`
    (the shell named after them is found by `take_shell_name`)."""
    return [
        TyperOption(
            param_decls=["--install-completion", "install_completion"],
            is_flag=True,
            default=False,
            expose_value=False,
            is_eager=True,
            callback=callback,
            help=f"Install completion for your shell, or the one named after it: {', '.join(SHELLS)}.",
        ),
        TyperOption(
            param_decls=["--show-completion", "show_completion"],
            is_flag=True,
            default=False,
            expose_value=False,
            is_eager=True,
            callback=callback,
            help="Print the completion script for your shell, or the one named after it.",
        ),
    ]
