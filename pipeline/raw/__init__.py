"""Reading what lies under raw/: the verified gazette snapshots and their sidecars (``snapshot``), adding a new
issue file (``intake``, the ``gazette add`` command) and loading every reference file into the bundle the
parsers take (``references``), and the rows a curator adds there for the review queue (``curation``, ``gazette
review --suggest``). Files are read here, never in ``parse``."""
