"""Dagster wiring and build operation: assets (thin calls into parse, derive, checks and publish), asset
checks, the sensor and schedule, definitions, the IO manager, resources, and the build plan, runner, lock and
content fingerprints that decide what a build must redo."""
