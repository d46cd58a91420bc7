from binoche_cli.entry import main

main()
