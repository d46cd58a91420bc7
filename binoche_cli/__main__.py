import sys

try:
    from binoche_cli.cli.entry import main

    code = main()
except KeyboardInterrupt:  # Ctrl-C between the import and main() setting its handler
    code = 130
sys.exit(code)
