-- Question: Which government units lead the most tasks?
-- A unit leads a task when its responsibility clause names it under 牵头单位, or lists it first under the
-- 列首位者为牵头单位 convention (task_units.role = 'lead'); co-leads each count. One row per unit that leads
-- at least one task, most tasks first; participations are shown for comparison.
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/units_leading_most_tasks.sql"
SELECT
    u.unit_id,
    u.name_zh,
    u.name_en,
    count(*) FILTER (WHERE tu.role = 'lead')                       AS lead_tasks,
    count(*) FILTER (WHERE tu.role = 'participant')                AS participant_tasks,
    count(DISTINCT t.document_id) FILTER (WHERE tu.role = 'lead')  AS lead_documents
FROM task_units AS tu
JOIN units AS u ON u.unit_id = tu.unit_id
JOIN tasks AS t ON t.task_id = tu.task_id
GROUP BY u.unit_id, u.name_zh, u.name_en
HAVING count(*) FILTER (WHERE tu.role = 'lead') > 0
ORDER BY lead_tasks DESC, u.unit_id;
