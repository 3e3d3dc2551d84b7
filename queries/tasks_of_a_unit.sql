-- Question: Which tasks is a given unit (here 省财政厅, the Department of Finance) assigned to, and in which role?
-- Change the name below to any units.name_zh (or a variant listed in units.aliases). One row per task naming
-- the unit, in printed order, with the raw lines to read the clause in the gazette text.
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/tasks_of_a_unit.sql"
SET VARIABLE unit_name = '省财政厅';

SELECT
    t.document_id,
    d.doc_number,
    t.task_id,
    t.label,
    t.title,
    tu.role,
    tu.position,
    tu.name_as_written,
    t.responsibility_text,
    t.line_start,
    t.line_end
FROM units AS u
JOIN task_units AS tu ON tu.unit_id = u.unit_id
JOIN tasks AS t ON t.task_id = tu.task_id
JOIN documents AS d ON d.document_id = t.document_id
WHERE u.name_zh = getvariable('unit_name')
   OR list_contains(string_split(u.aliases, '|'), getvariable('unit_name'))
ORDER BY d.line_start, t.line_start, t.task_id;
