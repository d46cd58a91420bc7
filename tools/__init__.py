"""Development tools, not shipped: the README generator and the benchmark."""
