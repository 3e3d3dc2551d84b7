-- Question: Where is the source inconsistent with itself?
-- The findings table lists every place where the printed numbers contradict each other beyond what the
-- rounding of the printed figures allows: a growth rate that does not reproduce the values (growth_identity),
-- a province figure that differs from the sum of the eleven cities (province_sum), a prose target that differs
-- from the table value it restates (target_vs_table). One row per finding, in the order of the source, with
-- the indicator and region names, the printed cell and the raw lines to check it against the gazette.
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/source_inconsistencies.sql"
SELECT
    f.finding_id,
    f.rule,
    f.indicator_id,
    i.name_zh        AS indicator_zh,
    i.unit_zh,
    f.region_code,
    r.name_zh        AS region_zh,
    f.year,
    f.observed,
    f.expected,
    f.difference,
    f.tolerance,
    v.value_text     AS printed_value,
    v.growth_text    AS printed_growth,
    f.line_start,
    f.line_end,
    f.message
FROM findings AS f
LEFT JOIN indicators AS i ON i.document_id = f.document_id AND i.indicator_id = f.indicator_id
LEFT JOIN regions AS r ON r.region_code = f.region_code
LEFT JOIN indicator_values AS v
       ON v.document_id = f.document_id AND v.indicator_id = f.indicator_id AND v.region_code = f.region_code
      AND v.year = f.year
ORDER BY f.rule, f.line_start, f.finding_id;
