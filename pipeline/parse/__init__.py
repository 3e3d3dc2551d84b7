"""Pure parsers: from a raw issue's ``Line`` objects to table rows. No Dagster, no file I/O here."""
