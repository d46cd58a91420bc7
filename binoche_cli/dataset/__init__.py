"""The dataset: record types and vocabularies, loading the TOML once, validation, the cache."""
