-- Demand against supply for every skill asked for or taught: demand is the share of AI/ML
-- technician postings of demand_year (default: the latest year with any) asking for the
-- skill, with its 95% Wilson interval; coverage is the share of programmes tagged under the
-- current versions that teach it (a lesson names it). The gap score is
-- demand_share * (1 - min(1, coverage / demand_share)), i.e. max(0, demand - coverage): the
-- part of demand not matched.
CREATE OR REPLACE MACRO skill_gap(
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
demand AS (
    SELECT d.skill_id, count(*) AS postings
    FROM v_posting_demand AS d
    JOIN base USING (posting_id)
    GROUP BY d.skill_id
),
supply AS (
    SELECT skill_id, count(*) AS programmes
    FROM v_programme_skill_coverage
    GROUP BY skill_id
),
totals AS (
    SELECT (SELECT count(*) FROM base) AS demand_total,
           (SELECT count(*) FROM v_curricula) AS curricula_total
)
SELECT
    k.skill_id,
    k.name AS skill,
    k.cluster,
    k.is_ai_ml,
    c.demand_year,
    coalesce(d.postings, 0) AS demand_postings,
    n.demand_total,
    CASE WHEN n.demand_total > 0 THEN coalesce(d.postings, 0) / n.demand_total END
        AS demand_share,
    -- at zero postings the bound is 0, which floating point can put a hair below
    CASE WHEN n.demand_total > 0
        THEN greatest(0.0, wilson_low(coalesce(d.postings, 0), n.demand_total))
    END AS ci_low,
    wilson_high(coalesce(d.postings, 0), n.demand_total) AS ci_high,
    coalesce(s.programmes, 0) AS curricula_covering,
    n.curricula_total,
    CASE WHEN n.curricula_total > 0 THEN coalesce(s.programmes, 0) / n.curricula_total END
        AS coverage,
    CASE WHEN demand_share > 0 AND coverage IS NOT NULL
        THEN demand_share * (1 - least(1, coverage / demand_share))
        WHEN coverage IS NOT NULL THEN 0.0
    END AS gap_score
FROM (SELECT skill_id FROM demand UNION SELECT skill_id FROM supply) AS ids
JOIN v_skills AS k USING (skill_id)
CROSS JOIN chosen AS c
CROSS JOIN totals AS n
LEFT JOIN demand AS d USING (skill_id)
LEFT JOIN supply AS s USING (skill_id);
