-- Question: Which pairs of units are most often assigned to the same task?
-- From the derived table unit_collaborations (one row per pair of units named in a common responsibility
-- clause). Pairs sharing at least three tasks, most shared tasks first, with the split by roles and the
-- documents involved.
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/units_most_often_together.sql"
SELECT
    c.unit_a,
    a.name_zh AS unit_a_zh,
    c.unit_b,
    b.name_zh AS unit_b_zh,
    c.shared_tasks,
    c.lead_lead,
    c.lead_participant,
    c.participant_participant,
    c.document_ids
FROM unit_collaborations AS c
JOIN units AS a ON a.unit_id = c.unit_a
JOIN units AS b ON b.unit_id = c.unit_b
WHERE c.shared_tasks >= 3
ORDER BY c.shared_tasks DESC, c.unit_a, c.unit_b;
