-- Question: Which articles of which government orders took effect in a given year (here 2024)?
-- A government order (浙江省人民政府令, documents.form = 'order') states the day it takes effect (自…起施行),
-- published as documents.effective_date; its articles (第X条) are in articles, with their chapter where the
-- order has chapters. Change the year in the WHERE clause for another year.
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/order_articles_in_force.sql"
SELECT
    d.doc_number,
    d.title,
    d.effective_date,
    a.chapter_no,
    a.chapter_title,
    a.article_no,
    a.text
FROM articles AS a
JOIN documents AS d ON d.document_id = a.document_id
WHERE d.form = 'order'
  AND year(d.effective_date) = 2024
ORDER BY d.effective_date, d.doc_number, a.article_no;
