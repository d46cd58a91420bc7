from binoche_cli.cli import main

main()
