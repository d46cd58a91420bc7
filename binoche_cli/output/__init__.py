"""Writers: one per format, terminal charts, graph formats and the SVG/HTML pictures."""
