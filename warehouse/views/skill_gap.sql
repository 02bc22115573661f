-- Demand (share of AI/ML technician postings asking for a skill) against supply (share of
-- programmes tagged under the current versions that cover it). The gap score is
-- demand_share * (1 - min(1, coverage / demand_share)): the part of demand not matched.
CREATE OR REPLACE MACRO skill_gap(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
    WHERE is_ai_ml_role
),
demand AS (
    SELECT d.skill_id, any_value(d.skill) AS skill, any_value(d.cluster) AS cluster,
           any_value(d.is_ai_ml) AS is_ai_ml, count(*) AS demand_postings
    FROM v_posting_demand AS d
    JOIN base USING (posting_id)
    GROUP BY d.skill_id
),
programmes AS (
    SELECT t.curriculum_id
    FROM curriculum_tags AS t
    JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
),
supply AS (
    SELECT s.skill_id, count(*) AS curricula
    FROM v_curriculum_skills AS s
    JOIN programmes USING (curriculum_id)
    GROUP BY s.skill_id
)
SELECT
    d.skill_id,
    d.skill,
    d.cluster,
    d.is_ai_ml,
    d.demand_postings,
    n.demand_total,
    d.demand_postings / n.demand_total AS demand_share,
    coalesce(s.curricula, 0) AS curricula_covering,
    n.curricula_total,
    CASE WHEN n.curricula_total > 0 THEN curricula_covering / n.curricula_total END AS coverage,
    CASE WHEN n.curricula_total > 0
        THEN demand_share * (1 - least(1, coverage / demand_share))
    END AS gap_score
FROM demand AS d
CROSS JOIN (
    SELECT (SELECT count(*) FROM base) AS demand_total,
           (SELECT count(*) FROM programmes) AS curricula_total
) AS n
LEFT JOIN supply AS s USING (skill_id);
