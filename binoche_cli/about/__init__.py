"""Help topics, man pages and JSON Schemas, all derived from the declarations."""
