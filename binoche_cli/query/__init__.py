"""Pure functions over the catalogue: filters, matching, sorting, summaries, people."""
