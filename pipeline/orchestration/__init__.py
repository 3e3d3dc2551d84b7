"""Dagster wiring and build operation: assets (thin calls into parse, derive, checks and publish), asset
checks, the sensor and schedule, definitions, resources, the table store between publishing steps, and the build
plan, runner, lock, content fingerprints, the parsed issue parts and the publication record that decide what a
build must redo."""
