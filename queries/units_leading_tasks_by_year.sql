-- Question: Which government units lead the most tasks across all issues, by year?
-- The year is the gazette issue's year (issues.year): the year the tasks were published. A unit leads a task
-- when the task's responsibility names it as lead, in any printed form (a 牵头单位 clause or line, the first unit
-- of a 责任单位 list or a unit marked 牵头, a task table's lead column); co-leads each count. Collective units
-- (各设区市政府 …) are included and can be left out with u.category <> 'collective'. Ranked within each year.
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/units_leading_tasks_by_year.sql"
SELECT
    i.year,
    u.unit_id,
    u.name_zh,
    u.name_en,
    count(DISTINCT tu.task_id)                                               AS lead_tasks,
    count(DISTINCT t.document_id)                                            AS lead_documents,
    rank() OVER (PARTITION BY i.year ORDER BY count(DISTINCT tu.task_id) DESC) AS rank_in_year
FROM task_units AS tu
JOIN tasks AS t ON t.task_id = tu.task_id
JOIN documents AS d ON d.document_id = t.document_id
JOIN issues AS i ON i.issue_id = d.issue_id
JOIN units AS u ON u.unit_id = tu.unit_id
WHERE tu.role = 'lead'
GROUP BY i.year, u.unit_id, u.name_zh, u.name_en
ORDER BY i.year, lead_tasks DESC, u.unit_id;
