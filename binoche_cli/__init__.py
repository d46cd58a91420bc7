"""binoche-cli: explore Juliette Binoche's filmography from the command line."""

__version__ = "0.1.0"
