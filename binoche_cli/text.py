"""Text rules shared by every room: one fold for matching, one guard for untrusted text.

`fold` is the only accent/case fold in the package: the validator, the matcher and the
completion all use it, so a title clash the validator accepts can never break matching.
`visible` is the only way text from a dataset, a watch list or an imported file reaches a
terminal: control characters and bidi overrides are shown, never obeyed.
"""

import re

# Letters that NFKD leaves whole (no base letter + combining mark to strip).
_FOLD_TABLE = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ẞ": "ss",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "&": " and ",
    }
)
_NON_WORD = r"[\W_]+"


# Changes with fold's rules: bump it whenever `_FOLD_TABLE`, `_NON_WORD` or `_fold` would fold
# any text differently. It is part of the cache layout (catalog.cache_layout), because cache
# entries store folded names; tests/test_cache.py pins fold's answers for this version.
FOLD_VERSION = 1

# ---- Preloaded folds (owned by the cache; see catalog.load and cache.py) -----------------
# A warm lookup spent most of its time folding the same dataset names on every run, so the
# cache stores fold() of every name and load() hands them to `preload_folds`. `fold` looks
# here first; the answers are the same because the cache layout includes FOLD_VERSION, so
# folds made by another fold are never loaded (tests/test_cache.py checks every entry).
_PRELOADED: dict[str, str] = {}
# Texts folded lately that the cache did not hold: a search term is compared with every film
# (`matches(query, name)`), so it is folded once, not once per film. Bounded: emptied when full.
_RECENT_LIMIT = 4096
_recent: dict[str, str] = {}
# The last long text folded (a 128 KB search argument is compared with every field): folding
# it once instead of once per field. One slot, so memory stays bounded.
_LONG = 256
_last_long: tuple[str, str] = ("", "")


def preload_folds(mapping: dict[str, str]) -> None:
    """Remember fold() of names computed earlier (by the cache); `fold` answers from them."""
    _PRELOADED.update(mapping)


def fold(text: str) -> str:
    """Accent-, case- and punctuation-blind form: `Kieślowski` and `KIESLOWSKI` fold alike.

    Punctuation becomes a space, so apostrophes split words: "L'Attesa" folds to "l attesa".
    """
    global _last_long
    found = _PRELOADED.get(text)
    if found is None:
        found = _recent.get(text)
    if found is not None:
        return found
    if len(text) < _LONG:
        if len(_recent) >= _RECENT_LIMIT:
            _recent.clear()
        found = _recent[text] = _fold(text)
        return found
    if _last_long[0] != text:
        _last_long = (text, _fold(text))
    return _last_long[1]


def _fold(text: str) -> str:
    text = text.translate(_FOLD_TABLE)
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return re.sub(_NON_WORD, " ", text.casefold()).strip()
    import unicodedata  # not needed by lookups that never compare text

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(_NON_WORD, " ", stripped.casefold()).strip()


# Every character of the Unicode categories Cc (controls: C0, DEL, C1), Cf (format: bidi marks,
# embeddings, overrides and isolates, U+061C, zero-width characters, the BOM, the tag characters
# U+E0000-E007F, the interlinear annotations U+FFF9-FFFB), Co (private use), Cs (surrogates) and
# Zl/Zp (line and paragraph separators): each can hide, reorder or fake what a terminal shows.
# Tab and newline are included: a record is one line. Generated from Unicode 14.0 (Python
# 3.11's unicodedata), plus the format controls 15.1 adds (U+13439-1343F, for Python 3.13);
# tests/test_unicode_safety.py checks it against the running Python's.
# Allowed: ZWNJ U+200C and ZWJ U+200D, which Persian, Indic scripts and emoji need in a name.
UNSAFE_CATEGORIES = frozenset(("Cc", "Cf", "Co", "Cs", "Zl", "Zp"))
ALLOWED_FORMAT = "\u200c\u200d"
_UNSAFE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b"
    "\u200e-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\uf8ff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000f0000-\U000ffffd\U00100000-\U0010fffd"
    "]"
)


def _show(match: "re.Match[str]") -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ESC -> U+241B
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every unsafe character (see `_UNSAFE`) replaced by a visible stand-in."""
    if text.isprintable():  # the common case costs one C-level scan
        return text
    return _UNSAFE.sub(_show, text)


def has_unsafe(text: str) -> bool:
    """True if `text` holds a character `visible` would replace (for the validator)."""
    return not text.isprintable() and _UNSAFE.search(text) is not None


def json_escape_unsafe(text: str) -> str:
    """JSON text with every unsafe character inside its strings written as a `\\uXXXX` escape.

    `json.dumps(..., ensure_ascii=False)` leaves format characters (U+202E, U+061C, the tag
    characters) raw; the escapes read back as the same string, but no terminal obeys them.
    Only valid on json.dumps output: outside strings it holds no such character."""
    if text.isprintable():
        return text
    return _UNSAFE.sub(_json_escape, text)


def _json_escape(match: "re.Match[str]") -> str:
    code = ord(match.group())
    if code == 0x0A:  # the indentation's own newlines (json.dumps escapes those in strings)
        return "\n"
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_INVISIBLE = re.compile(
    r"[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff]*"
)


def is_blank(text: str) -> bool:
    """True for strings that show nothing: spaces, zero-width and other invisible marks."""
    return _INVISIBLE.fullmatch(_UNSAFE.sub("", text)) is not None


def plural(count: int, noun: str, many: str = "") -> str:
    """`1 work`, `2 works`, `3 entries` (with `many`): never "work(s)"."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def quote(text: str, limit: int = 60) -> str:
    """`text` as messages echo it: quoted, shown not obeyed, and cut to `limit` characters
    (a 128 KB argument is not repeated on stderr)."""
    shown = visible(text)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return repr(shown)
