"""Checks: per-issue rows against the registry (``issue_rows``), cross-issue keys (``cross_issue``), the Great
Expectations suites per table, cross-table rules and the publishing gate (``registry``). Pure of Dagster."""
