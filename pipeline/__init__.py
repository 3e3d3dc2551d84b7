"""Zhejiang Provincial People's Government Gazette as a validated data package.

Stage folders, top to bottom; a module imports only from its own stage or from stages below it
(``tests/unit/test_stage_order.py`` reads the imports and fails on any that points up, or on a loop):

- ``cli``            the ``gazette`` command line;
- ``orchestration``  Dagster wiring: assets, asset checks, automation, definitions, IO manager, resources, the
                     build plan, runner, lock and fingerprints;
- ``release``        what readers take away: the release zip, the diff of two builds, SQL over the views;
- ``publish``        files from tables: Parquet/CSV, descriptor, DuckDB, report, workbook, catalog, dictionary;
- ``checks``         per-issue, cross-issue and package checks, the GX suites and the publishing gate;
- ``derive``         tables computed from tables (findings, collaborations, target comparisons);
- ``raw``            reading what lies under raw/: verified gazette snapshots, ``gazette add``, the reference bundle;
- ``parse``          pure readers of issue text -> rows and review notes (no Dagster, no file I/O of their own);
- ``reference``      what each hand-curated reference file holds, and the generic reader of those files;
- ``schema``         the one registry of table metadata, and the typing of frames from it;
- ``text``           the line model, offsets and normalisation (pure);
- ``base``           the one error type, project paths and the ``.build/`` layout, file identity, measure units.
"""

from pipeline.base.memory import configure_allocators

configure_allocators()  # before anything imports polars
