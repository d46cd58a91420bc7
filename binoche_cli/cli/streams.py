"""What a failed write to standard output becomes, for the Typer app and the fast lane alike."""

import errno
import os
import sys

from binoche_cli.output.render import message

EXIT_OUTPUT = 5  # app.ExitCode.OUTPUT (this module is loaded before Typer)

# What a full disk, a full /dev/full, a vanished terminal or a closed descriptor raise when
# standard output is written. Files the tool writes report their own errors before this.
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, errno.EDQUOT})


def output_failed(exc: OSError) -> int:
    """Report that stdout cannot be written, and quiet it so the final flush does not retry."""
    message(f"binoche: cannot write to standard output: {exc.strerror or exc}")
    silence_stdout()
    return EXIT_OUTPUT


def silence_stdout() -> None:
    # The reader went away: point stdout at devnull so the interpreter's final flush is quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
