"""Checks: Great Expectations suites per table and cross-table checks. Pure of Dagster."""
