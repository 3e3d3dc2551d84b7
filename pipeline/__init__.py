"""Zhejiang Provincial People's Government Gazette as a validated data package.

Layout of this package (one job per module):

- ``paths``        where the project's folders are;
- ``errors``       the one error type users see (file, line, what was expected);
- ``raw_snapshot`` discovering and verifying the raw gazette files and their metadata sidecars;
- ``text``         the line model and text normalisation (pure, no I/O);
- ``parse``        pure parsers from lines to rows (no Dagster, no I/O);
- ``schema``       the one registry of table metadata;
- ``publish``      frames, files, the descriptor and the DuckDB database generated from the registry;
- ``checks``       Great Expectations suites and cross-table checks;
- ``assets`` / ``definitions``  thin Dagster wiring; ``cli`` the user command line.
"""
