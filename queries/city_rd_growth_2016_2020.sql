-- Question: How much does each city plan to grow its R&D spending (研究与试验发展经费支出) from 2016 to 2020?
-- Indicator rd_expenditure (附件1 table 一 of 浙政发〔2016〕24号, 亿元 = 100 million yuan). One row per
-- prefecture-level city, largest planned increase first: the planned 2016 and 2020 values, the increase,
-- the increase in percent, the implied compound annual growth 2016→2020, and the range of the annual growth
-- rates printed in the table (each over the previous year, so the 2016 rate is over 2015).
-- Run from the repository root:  .venv/bin/duckdb -c ".read curated/gazette_views.sql" -c ".read queries/city_rd_growth_2016_2020.sql"
WITH rd AS (
    SELECT v.region_code, v.year, v.value, v.growth_pct
    FROM indicator_values AS v
    WHERE v.indicator_id = 'rd_expenditure'
)
SELECT
    r.region_code,
    r.name_zh,
    r.name_en,
    max(rd.value) FILTER (WHERE rd.year = 2016)                                      AS value_2016,
    max(rd.value) FILTER (WHERE rd.year = 2020)                                      AS value_2020,
    value_2020 - value_2016                                                          AS increase,
    round(100 * (value_2020 / value_2016 - 1), 1)                                    AS increase_pct,
    round(100 * (pow(value_2020 / value_2016, 1 / 4) - 1), 1)                        AS cagr_2016_2020_pct,
    min(rd.growth_pct)                                                               AS printed_growth_min_pct,
    max(rd.growth_pct)                                                               AS printed_growth_max_pct
FROM rd
JOIN regions AS r ON r.region_code = rd.region_code
WHERE r.level = 'prefecture-level city'
GROUP BY r.region_code, r.name_zh, r.name_en
ORDER BY increase DESC, r.region_code;
