"""The console script: `binoche = binoche_cli.cli.entry:main`, which the installer's wrapper
calls as `sys.exit(main())`.

Importing this module changes nothing (it loads only the standard library). `main()`:
1. sets a Ctrl-C handler that exits 130 quietly while the rest of the tool is imported
   (and again once the work is done);
2. settles a closed stdout (exit 5) or stderr (messages dropped, exit code kept);
3. lets the fast lane (fast/) answer a common piped lookup before Typer is imported;
4. otherwise runs the Typer app (run.main), with Ctrl-C a KeyboardInterrupt again.
"""

import io
import os
import signal
import sys

EXIT_OUTPUT = 5  # app.ExitCode.OUTPUT, repeated here so this module imports nothing of ours
EXIT_INTERRUPTED = 130


def _interrupted_while_starting(signum: int, frame: object) -> None:
    os._exit(EXIT_INTERRUPTED)


def _closed(stream: object) -> bool:
    """True when the stream's descriptor is gone (a stream without one, as a test's capture, is open)."""
    if stream is None:
        return True
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
    except io.UnsupportedOperation:
        return False
    except (ValueError, AttributeError):
        return True
    try:
        os.fstat(descriptor)
    except OSError:
        return True
    return False


def _set_interrupt(handler: object) -> object:
    """Install a SIGINT handler; off the main thread (an embedding program) leave it alone."""
    try:
        return signal.signal(signal.SIGINT, handler)  # type: ignore[arg-type]
    except ValueError:
        return None


def main(argv: list[str] | None = None) -> int:
    """Run `binoche` on `argv` (default: sys.argv[1:]); return the documented exit code."""
    previous = _set_interrupt(_interrupted_while_starting)
    try:
        return _run(list(sys.argv[1:] if argv is None else argv), previous)
    finally:
        # Called with argv (a test, a program embedding us): its own handler back. As the
        # console script, the quiet handler stays through the interpreter's exit.
        if previous is not None and argv is not None:
            _set_interrupt(previous)


def _run(argv: list[str], previous: object) -> int:
    if _closed(sys.stderr):
        # Messages go nowhere, but the exit code stays the documented one.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if _closed(sys.stdout):
        _say("binoche: standard output is closed; nothing was done")
        return EXIT_OUTPUT
    from binoche_cli.cli import fast

    code = fast.answer(argv)
    if code is None:
        from binoche_cli.cli import run
        from binoche_cli.cli.commands import register

        # From here on Ctrl-C is a KeyboardInterrupt again, so locks and temp files are released.
        if previous is not None:
            _set_interrupt(previous)
        code = run.main(argv, register)
        if previous is not None:
            _set_interrupt(_interrupted_while_starting)  # the work is done: exit quietly
    return _flushed(code)


def _flushed(code: int) -> int:
    """Flush both streams here, so a failure is reported, not left to the interpreter's exit."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _quiet(stream)
        except (OSError, ValueError):
            if stream is sys.stdout and code == 0:
                code = EXIT_OUTPUT
                _say("binoche: cannot write to standard output")
            _quiet(stream)
    return code


def _quiet(stream: object) -> None:
    # The reader went away: point the descriptor at devnull so the interpreter's last flush is quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError):
        pass


def _say(text: str) -> None:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
