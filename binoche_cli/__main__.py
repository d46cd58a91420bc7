from binoche_cli.cli.entry import main

main()
