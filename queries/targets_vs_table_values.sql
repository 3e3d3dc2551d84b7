-- Question: Do the targets stated in the prose agree with the indicator tables they restate?
-- The derived table target_comparisons sets each prose target linked to an indicator of its document's tables
-- (targets.indicator_id) next to the table value of the same indicator, region and year, the prose number
-- converted to the table's unit by its 万 (10^4) and 亿 (10^8) prefixes (target_in_table_unit), and says
-- whether the two agree within the rounding of the printed figures, read by the target's bound (达 and 以上 a
-- floor, 左右 about, 以下 a ceiling): status consistent or contradicts (the findings of rule target_vs_table).
-- Joined here to targets for the subject and quote, and to indicator_values for the cell as printed. One row
-- per linked target, in the order of the text, with both raw lines.
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/targets_vs_table_values.sql"
SELECT
    c.target_id,
    c.document_id,
    t.task_id,
    t.subject,
    c.indicator_id,
    c.region_code,
    c.year                             AS target_year,
    c.comparator,
    t.qualifier,
    c.bound,
    c.target_value,
    c.target_unit,
    c.target_in_table_unit,
    c.table_value,
    v.value_text                       AS table_value_text,
    c.table_unit,
    c.difference,
    c.tolerance,
    c.status,
    t.quote,
    c.target_line,
    c.table_line
FROM target_comparisons AS c
JOIN targets AS t ON t.target_id = c.target_id
LEFT JOIN indicator_values AS v
       ON v.document_id = c.document_id AND v.indicator_id = c.indicator_id
      AND v.region_code = c.region_code AND v.year = c.year
ORDER BY c.document_id, c.target_line, c.target_id;
