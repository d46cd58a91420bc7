"""Facts about the terminal, gathered once per invocation and injected into the renderers.

Tests build a `Terminal` by hand to render at a pinned width, with or without colour.
"""

import os
import sys
from typing import IO, Any, cast

COLOR_MODES = ("auto", "always", "never")


def wants_style(mode: str, isatty: bool, env: dict[str, str] | os._Environ[str]) -> bool:
    """`--color` beats NO_COLOR / FORCE_COLOR, which beat TTY detection; TERM=dumb is plain."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    if env.get("NO_COLOR"):
        return False
    if env.get("TERM") == "dumb":
        return False
    if env.get("FORCE_COLOR"):
        return True
    return isatty


def _width_from_env(env: dict[str, str] | os._Environ[str]) -> int | None:
    try:
        width = int(env.get("COLUMNS", ""))
    except ValueError:
        return None
    return width if width > 0 else None


class Terminal:
    """Where output goes and what it may contain."""

    def __init__(
        self,
        stdout: IO[str] | None = None,
        isatty: bool = False,
        style: bool = False,
        width: int | None = None,
        encoding: str = "utf-8",
        dumb: bool = False,
    ) -> None:
        self.stdout: IO[str] = stdout if stdout is not None else sys.stdout
        self.isatty = isatty
        self.style = style
        self.width = width
        self.encoding = encoding
        self.dumb = dumb
        self._console: Any = None

    @classmethod
    def detect(cls, color: str = "auto", stdout: IO[str] | None = None) -> "Terminal":
        stream = stdout or sys.stdout
        env = os.environ
        try:
            isatty = stream.isatty()
        except (AttributeError, ValueError):
            isatty = False
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
        return cls(
            stdout=stream,
            isatty=isatty,
            style=wants_style(color, isatty, env),
            width=_width_from_env(env),
            encoding=encoding,
            dumb=env.get("TERM") == "dumb",
        )

    @property
    def utf8(self) -> bool:
        return self.encoding.replace("-", "").replace("_", "") in ("utf8", "utf8sig")

    @property
    def columns(self) -> int:
        """The width to lay out for: pinned, else the terminal's, else 80 in a pipe."""
        if self.width:
            return self.width
        if self.isatty:
            import shutil

            return shutil.get_terminal_size((80, 24)).columns or 80
        return 80

    @property
    def links(self) -> bool:
        """OSC 8 hyperlinks: only on a styled, interactive, non-dumb terminal."""
        return self.isatty and self.style and not self.dumb

    @property
    def fancy_glyphs(self) -> bool:
        return self.utf8 and not self.dumb

    @property
    def win_mark(self) -> str:
        return "★" if self.fancy_glyphs else "*"

    @property
    def nomination_mark(self) -> str:
        return "☆" if self.fancy_glyphs else "+"

    @property
    def event_mark(self) -> str:
        return "◆" if self.fancy_glyphs else "#"

    @property
    def bar_char(self) -> str:
        return "█" if self.fancy_glyphs else "#"

    def encodable(self, text: str) -> str:
        """Text the stream can take: accents folded away, then anything else replaced."""
        if self.utf8:
            return text
        try:
            text.encode(self.encoding)
            return text
        except (UnicodeEncodeError, LookupError):
            pass
        import unicodedata

        text = text.translate(_ASCII_PUNCTUATION)
        folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        return folded.encode(self.encoding, errors="replace").decode(self.encoding, errors="replace")

    def box(self, panel: bool = False) -> Any:
        from rich import box

        if self.dumb or not self.utf8:
            return box.ASCII
        return box.ROUNDED if panel else box.SIMPLE_HEAD

    def console(self, record: bool = False, width: int | None = None) -> Any:
        """A Rich console for this invocation (built lazily: Rich is costly to import)."""
        if self._console is not None and not record and width is None:
            return self._console
        from rich.console import Console

        console = Console(
            file=self.stdout if self.utf8 else cast(IO[str], _Transliterating(self)),
            force_terminal=self.style or self.isatty,
            color_system="auto" if self.style else None,
            no_color=not self.style,
            width=width or (None if self.isatty else (self.width or 80)),
            highlight=False,
            markup=False,
            emoji=False,
            record=record,
            legacy_windows=False,
            safe_box=True,
        )
        # Rich answers a closed pipe with SystemExit(1); let the CLI's guard handle it instead.
        console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]
        if not record and width is None:
            self._console = console
        return console


# Punctuation NFKD leaves alone, spelled the way an ASCII text would (not as "?").
_ASCII_PUNCTUATION = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2022": "*",
        "\u00b7": "-",
        "\u2212": "-",
    }
)


class _Transliterating:
    """A file for Rich that folds accents the stream cannot encode (é -> e, not ?)."""

    def __init__(self, term: "Terminal") -> None:
        self._term = term
        self.encoding = term.encoding

    def write(self, text: str) -> int:
        return self._term.stdout.write(self._term.encodable(text))

    def flush(self) -> None:
        self._term.stdout.flush()

    def isatty(self) -> bool:
        return self._term.isatty

    def fileno(self) -> int:
        return self._term.stdout.fileno()


def _raise_broken_pipe() -> None:
    raise BrokenPipeError
