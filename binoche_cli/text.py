"""Text rules shared by every room: one fold for matching, one guard for untrusted text.

`fold` is the only accent/case fold in the package: the validator, the matcher and the
completion all use it, so a title clash the validator accepts can never break matching.
`visible` is the only way text from a dataset, a watch list or an imported file reaches a
terminal: control characters and bidi overrides are shown, never obeyed.
"""

import re
from types import CodeType

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


# ---- Preloaded folds (owned by the cache; see catalog.load and cache.py) -----------------
# A warm lookup spent most of its time folding the same dataset names on every run, so the
# cache stores fold() of every name and load() hands them to `preload_folds`. `fold` looks
# here first; the answers are the same because the cache key includes `fold_fingerprint()`,
# so folds made by another fold are never loaded (tests/test_cache.py checks every entry).
_PRELOADED: dict[str, str] = {}
# The last long text folded (a 128 KB search argument is compared with every field): folding
# it once instead of once per field. One slot, so memory stays bounded.
_LONG = 256
_last_long: tuple[str, str] = ("", "")


def preload_folds(mapping: dict[str, str]) -> None:
    """Remember fold() of names computed earlier (by the cache); `fold` answers from them."""
    _PRELOADED.update(mapping)


def fold_fingerprint() -> str:
    """Changes whenever fold's rules or code change: part of the cache key for stored folds."""
    rules = repr((sorted(_FOLD_TABLE.items()), _NON_WORD, _code_text(_fold.__code__)))
    return f"{len(rules)}-{hash_text(rules)}"


def _code_text(code: "CodeType") -> str:
    # Not repr(co_consts): a nested code object's repr holds its memory address.
    consts = [_code_text(c) if isinstance(c, type(code)) else repr(c) for c in code.co_consts]
    return f"{code.co_code.hex()}{code.co_names}{consts}"


def hash_text(text: str) -> str:
    try:  # the builtin module: importing hashlib also loads OpenSSL
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover
        from hashlib import blake2b
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def fold(text: str) -> str:
    """Accent-, case- and punctuation-blind form: `Kieślowski` and `KIESLOWSKI` fold alike.

    Punctuation becomes a space, so apostrophes split words: "L'Attesa" folds to "l attesa".
    """
    global _last_long
    found = _PRELOADED.get(text)
    if found is not None:
        return found
    if len(text) < _LONG:
        return _fold(text)
    if _last_long[0] != text:
        _last_long = (text, _fold(text))
    return _last_long[1]


def _fold(text: str) -> str:
    text = text.translate(_FOLD_TABLE)
    import unicodedata  # not needed by lookups that never compare text

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(_NON_WORD, " ", stripped.casefold()).strip()


# C0 controls (tab and newline included: records are one line each), DEL, C1 controls, and the
# bidi embeddings, overrides and isolates that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _show(match: "re.Match[str]") -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ESC -> U+241B
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control or bidi character replaced by a visible stand-in."""
    if text.isprintable():  # the common case costs one C-level scan
        return text
    return _UNSAFE.sub(_show, text)


def has_unsafe(text: str) -> bool:
    """True if `text` holds a character `visible` would replace (for the validator)."""
    return _UNSAFE.search(text) is not None


_INVISIBLE = re.compile(
    r"[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff]*"
)


def is_blank(text: str) -> bool:
    """True for strings that show nothing: spaces, zero-width and other invisible marks."""
    return _INVISIBLE.fullmatch(text) is not None


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
