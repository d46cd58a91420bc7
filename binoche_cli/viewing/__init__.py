"""The viewing log: its model, its store (locks, atomic writes), queries, import and export."""
