"""Where labels go: greedy rows by estimated text width, so that no two overlap."""

from collections.abc import Sequence

from binoche_cli.output.svg._markup import clean

LABEL_PAD = 4.0  # from a leader line to its text
LABEL_GAP = 8.0  # between two labels in a row


def place_labels(items: Sequence[tuple[float, float]], gap: float = LABEL_GAP) -> list[int]:
    """Rows (0 nearest the marks) for labels given as (leader x, text width).

    Each text starts just right of its leader line, which rises from the mark to the label's
    row. Greedy from the right: a label goes in the lowest row that is free for its width and
    above every label whose leader would otherwise cut through it. Labels placed earlier lie
    to the right, so this label's own leader never crosses them.
    """
    rows = [0] * len(items)
    placed: list[tuple[float, float, float, int]] = []  # leader, start, end, row
    for index in sorted(range(len(items)), key=lambda i: (-items[i][0], i)):
        leader, width = items[index]
        start, end = leader + LABEL_PAD, leader + LABEL_PAD + width
        row = max((r + 1 for lead, _, _, r in placed if start - gap <= lead <= end + gap), default=0)
        while any(r == row and s < end + gap and start < e + gap for _, s, e, r in placed):
            row += 1
        placed.append((leader, start, end, row))
        rows[index] = row
    return rows


def lane_rows(spans: Sequence[tuple[float, float]], gap: float = 6.0) -> list[int]:
    """First-fit rows for items that each occupy [start, end] on one line."""
    ends: list[float] = []
    rows: list[int] = []
    for start, end in spans:
        for row, last in enumerate(ends):
            if start >= last + gap:
                ends[row] = end
                rows.append(row)
                break
        else:
            ends.append(end)
            rows.append(len(ends) - 1)
    return rows


def safe_link(url: str | None) -> str | None:
    """Only web links: a `javascript:` or `data:` URL from a caller's table never reaches `href`."""
    if not url:
        return None
    url = url.strip()
    ok = url.lower().startswith(("https://", "http://")) and clean(url) == url
    return url if ok and not any(c.isspace() for c in url) else None
