"""The command line: the only package that imports Typer. `entry.main` is the console script."""
