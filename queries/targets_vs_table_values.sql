-- Question: Do the targets stated in the prose agree with the indicator tables they restate?
-- Each prose target linked to an indicator of 附件1 (targets.indicator_id, hand-curated) is set next to the
-- table cell of the same indicator, region and year. The prose writes its own unit (45.6 万人年) where the table
-- uses another (人年): target_in_table_unit converts 万 (10^4) and 亿 (10^8) prefixes, and is null if the units
-- do not convert this way. A target without a region is read as province-wide (330000). One row per linked
-- target, in the order of the text, with the comparator (at_least, about, …), the quote and both raw lines.
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/targets_vs_table_values.sql"
WITH linked AS (
    SELECT
        t.*,
        coalesce(t.region_code, '330000') AS table_region,
        i.unit_zh AS table_unit,
        CASE WHEN t.unit = i.unit_zh        THEN 1
             WHEN t.unit = '万' || i.unit_zh THEN 10000
             WHEN t.unit = '亿' || i.unit_zh THEN 100000000
        END AS factor
    FROM targets AS t
    JOIN indicators AS i ON i.document_id = t.indicator_document_id AND i.indicator_id = t.indicator_id
)
SELECT
    l.target_id,
    l.document_id,
    l.task_id,
    l.subject,
    l.indicator_id,
    l.table_region                     AS region_code,
    l.target_year,
    l.comparator,
    l.qualifier,
    l.value                            AS target_value,
    l.unit                             AS target_unit,
    l.value * l.factor                 AS target_in_table_unit,
    v.value                            AS table_value,
    v.value_text                       AS table_value_text,
    l.table_unit,
    l.value * l.factor - v.value       AS difference,
    l.quote,
    l.line                             AS target_line,
    v.line                             AS table_line
FROM linked AS l
LEFT JOIN indicator_values AS v
       ON v.document_id = l.indicator_document_id AND v.indicator_id = l.indicator_id
      AND v.region_code = l.table_region AND v.year = l.target_year
ORDER BY l.document_id, l.line, l.target_id;
