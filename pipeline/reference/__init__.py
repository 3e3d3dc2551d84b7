"""The hand-curated reference files under raw/reference/: what each holds (``declarations``: path, columns,
key, patterns) and the generic reader that validates them like any input (``reader``)."""
