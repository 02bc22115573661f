-- The gap for the technician's core skills (core_skills), every item even at zero: demand is
-- the share of AI/ML technician postings of demand_year (default: the latest year with any)
-- asking for any of the item's skills, with its 95% Wilson interval; coverage is the share of
-- programmes tagged under the current versions that teach it (a lesson names one of its
-- skills); gap = demand_share - coverage (negative: taught more often than asked for).
CREATE OR REPLACE MACRO core_gap(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    demand_year := NULL
) AS TABLE
WITH
technician AS (
    SELECT posting_id, year(month) AS posting_year
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
    WHERE is_ai_ml_role
),
chosen AS (
    SELECT coalesce(demand_year, max(posting_year)) AS demand_year FROM technician
),
base AS (
    SELECT t.posting_id
    FROM technician AS t
    JOIN chosen AS c ON t.posting_year = c.demand_year
),
items AS (
    SELECT item_id, any_value(item) AS item, min(position) AS position
    FROM core_skills
    GROUP BY item_id
),
asked AS (
    SELECT k.item_id, count(DISTINCT d.posting_id) AS postings
    FROM v_posting_demand AS d
    JOIN base USING (posting_id)
    JOIN core_skills AS k USING (skill_id)
    GROUP BY k.item_id
),
taught AS (
    SELECT item_id, count(*) FILTER (WHERE taught) AS programmes
    FROM v_programme_core_coverage
    GROUP BY item_id
),
totals AS (
    SELECT (SELECT count(*) FROM base) AS demand_total,
           (SELECT count(*) FROM v_curricula) AS programmes_total
)
SELECT
    i.position,
    i.item_id,
    i.item,
    c.demand_year,
    coalesce(a.postings, 0) AS demand_postings,
    n.demand_total,
    CASE WHEN n.demand_total > 0 THEN coalesce(a.postings, 0) / n.demand_total END
        AS demand_share,
    -- at zero postings the bound is 0, which floating point can put a hair below
    CASE WHEN n.demand_total > 0
        THEN greatest(0.0, wilson_low(coalesce(a.postings, 0), n.demand_total))
    END AS ci_low,
    wilson_high(coalesce(a.postings, 0), n.demand_total) AS ci_high,
    coalesce(t.programmes, 0) AS programmes_teaching,
    n.programmes_total,
    CASE WHEN n.programmes_total > 0 THEN coalesce(t.programmes, 0) / n.programmes_total END
        AS coverage,
    demand_share - coverage AS gap
FROM items AS i
CROSS JOIN chosen AS c
CROSS JOIN totals AS n
LEFT JOIN asked AS a USING (item_id)
LEFT JOIN taught AS t USING (item_id);
