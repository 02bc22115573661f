-- Per core skill and year with at least min_postings AI/ML technician postings: the share of
-- that year's technician postings asking for the item, with its 95% Wilson interval.
CREATE OR REPLACE MACRO core_demand_yearly(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30
) AS TABLE
WITH
technician AS (
    SELECT posting_id, year(month) AS posting_year
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
    WHERE is_ai_ml_role
),
years AS (
    SELECT posting_year, count(*) AS total
    FROM technician
    GROUP BY posting_year
    HAVING count(*) >= min_postings
),
items AS (
    SELECT item_id, any_value(item) AS item, min(position) AS position
    FROM core_skills
    GROUP BY item_id
),
asked AS (
    SELECT k.item_id, t.posting_year, count(DISTINCT d.posting_id) AS postings
    FROM v_posting_demand AS d
    JOIN technician AS t USING (posting_id)
    JOIN core_skills AS k USING (skill_id)
    GROUP BY k.item_id, t.posting_year
)
SELECT
    i.position,
    i.item_id,
    i.item,
    y.posting_year AS "year",
    coalesce(a.postings, 0) AS postings,
    y.total AS technician_postings,
    coalesce(a.postings, 0) / y.total AS share,
    -- at zero postings the bound is 0, which floating point can put a hair below
    greatest(0.0, wilson_low(coalesce(a.postings, 0), y.total)) AS ci_low,
    wilson_high(coalesce(a.postings, 0), y.total) AS ci_high
FROM items AS i
CROSS JOIN years AS y
LEFT JOIN asked AS a ON a.item_id = i.item_id AND a.posting_year = y.posting_year;
