"""Wrapping for the terminal drawings: at ASCII spaces only, never inside a word.

A word wider than the line overflows it rather than being cut: cropping or folding would
lose or garble data. Shared by the tables (`render`) and the charts (`charts`).
"""

import itertools
import re
from collections.abc import Sequence
from typing import Any

# Joins an award marker to its label while lines are laid out ("☆ César" never breaks after the
# star); it is printed as a plain space, which copies and greps like one.
GLUE = "\u00a0"


_WORD = re.compile(r"[^ ]+")


def _breaks(plain: str, width: int) -> list[int]:
    """Offsets where new lines start when `plain` is wrapped greedily at spaces to `width`.

    A word wider than `width` gets a line of its own and overflows it: cropping or folding
    it would lose or garble data, so the caller decides what to do with the extra cells.
    """
    from rich.cells import cell_len

    starts: list[int] = []
    used = 0
    has_word = False
    previous_end = 0
    for match in _WORD.finditer(plain):
        start, end = match.span()
        word = cell_len(match.group())
        gap = cell_len(plain[previous_end:start]) if start > previous_end else 0
        if has_word and used + gap + word > width:
            starts.append(start)
            used = word
        else:
            used += gap + word
        has_word = True
        previous_end = end
    return starts


def wrap_words(text: str, width: int) -> list[str]:
    """`text` (one logical line) as lines of at most `width` cells, broken at spaces only."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return [text]
    starts = _breaks(text, width)
    if not starts:
        return [text]
    bounds = [0, *starts, len(text)]
    return [text[a:b].rstrip(" ") for a, b in itertools.pairwise(bounds)]


def wrap_text(text: Any, width: int) -> list[Any]:
    """A Rich `Text` (one logical line) wrapped at spaces only, keeping its styles."""
    from rich.cells import cell_len

    plain = text.plain
    if cell_len(plain) <= width:
        return [text]
    starts = _breaks(plain, width)
    if not starts:
        return [text]
    lines = list(text.divide(starts))
    for line in lines:
        line.rstrip()
    return lines


def longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in _WORD.findall(text)), default=0)


def emit(lines: Sequence[Any], console: Any) -> None:
    """Print laid-out `Text` lines as they are: Rich neither wraps nor crops them again."""
    from rich.text import Text

    if not lines:
        return
    joined = Text("\n").join(lines)
    if GLUE in joined.plain:
        joined.plain = joined.plain.replace(GLUE, " ")  # same length: the styles stay put
    console.print(joined, soft_wrap=True)
