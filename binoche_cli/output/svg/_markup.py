"""Safe text and a tiny element builder shared by the SVG and HTML pictures.

Every string that comes from the dataset is untrusted: a title may hold `<`, `&`, `]]>`,
terminal escapes or bidi overrides. `esc` makes any text safe for XML 1.0 and HTML alike, so
the builders can treat everything they did not write themselves as data.

String building (with `esc`) rather than xml.etree: ElementTree escapes `<&"` but writes control characters
through (ill-formed XML), prefixes namespaced tags with `ns0:` unless told otherwise, and cannot
emit the HTML page around the SVG; with `esc` applied in one place (`tag`), plain strings are
shorter and just as safe.
"""

from collections.abc import Mapping

FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
WIN = "★"
NOMINATION = "☆"
NBSP = "\u00a0"  # between a star and its word: a marker never breaks from its label


def _replacements() -> dict[int, str]:
    # C0 controls become their Unicode "control pictures" (ESC shows as ␛), so a hostile title
    # stays visible instead of vanishing; what has no picture becomes U+FFFD.
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x7F] = "\u2421"
    for code in range(0x80, 0xA0):  # C1 controls (CSI, OSC...)
        table[code] = "\ufffd"
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):  # bidi embeddings/overrides
        table[code] = "\ufffd"
    for code in range(0xD800, 0xE000):  # lone surrogates a Python str can carry
        table[code] = "\ufffd"
    table[0xFFFE] = table[0xFFFF] = "\ufffd"  # not XML characters
    return table


_TABLE = _replacements()
# Plain replaces rather than xml.sax.saxutils.escape: same result, without importing xml.sax
# and urllib on the picture path (~10 ms measured with -X importtime).
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def clean(text: object) -> str:
    """The text with every character XML 1.0 forbids (and other controls) made visible."""
    return str(text).translate(_TABLE)


def esc(text: object) -> str:
    """Clean and escape for XML text, XML attributes and HTML alike."""
    cleaned = clean(text)
    for raw, entity in _ESCAPES:
        cleaned = cleaned.replace(raw, entity)
    return cleaned


def num(value: float) -> str:
    """Coordinates to one decimal: smaller files, and no `1e-05` in a path."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def tag(name: str, attrs: Mapping[str, object] | None = None, *children: str) -> str:
    """One element. Attribute values are escaped here; children are markup built by `tag`/`text`.

    Attribute names use `_` for `-` (`text_anchor`); a trailing `_` is dropped (`class_`).
    `None` and `False` values are left out, `True` writes a bare HTML boolean attribute.
    """
    parts = [name]
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        attr = key.rstrip("_").replace("_", "-")
        if value is True:
            parts.append(attr)
        else:
            shown = num(value) if isinstance(value, float) else value
            parts.append(f'{attr}="{esc(shown)}"')
    opening = " ".join(parts)
    if not children:
        return f"<{opening}/>"
    return f"<{opening}>{''.join(children)}</{name}>"


def text(value: object) -> str:
    """Data as element content."""
    return esc(value)


# Chromium's system sans-serif draws up to ~8% wider than the table below (measured with
# getBBox in tests/test_browser.py): the margin keeps placed labels apart in a real browser.
WIDTH_MARGIN = 1.1


def text_width(value: str, size: float) -> float:
    """A generous estimate of the rendered width of `value` at `size` px in a sans-serif font.

    No font metrics are available when writing a file, so this errs wide: labels placed with it
    may sit a little apart, never on top of each other.
    """
    import unicodedata

    units = 0.0
    for char in value:
        if char in "iljtfrI.,:;'!|()[]`· ":
            units += 0.34
        elif char in "mwMW@%":
            units += 0.9
        elif char in "★☆":
            units += 1.0
        elif char.isupper() or char.isdigit():
            units += 0.68 if char.isupper() else 0.58
        elif char.isascii():
            units += 0.56
        elif unicodedata.east_asian_width(char) in "WF":
            units += 1.05
        else:
            units += 0.62
    return units * size * WIDTH_MARGIN


def shorten(value: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut (the tooltip keeps the whole)."""
    value = " ".join(clean(value).split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
