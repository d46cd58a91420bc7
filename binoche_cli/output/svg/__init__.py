"""Real pictures of the career, as text: an SVG timeline, SVG bar charts, one HTML page.

Pure functions returning `str`; the CLI writes the files. Import this package only on the
`--svg`/`--html` path: nothing in a plain lookup needs it.
"""

from binoche_cli.output.svg.page import career_page
from binoche_cli.output.svg.stats import stats_svg
from binoche_cli.output.svg.timeline import timeline_svg

__all__ = ["career_page", "stats_svg", "timeline_svg"]
