"""Reading what lies under raw/: the verified gazette snapshots and their sidecars (``snapshot``), adding a new
issue file (``intake``, the ``gazette add`` command) and loading every reference file into the bundle the
parsers take (``references``). Files are read here, never in ``parse``."""
