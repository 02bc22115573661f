-- Each skill's share of all postings and of AI/ML technician postings.
CREATE OR REPLACE MACRO skill_demand(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id, is_ai_ml_role
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
totals AS (
    SELECT count(*) AS postings, count(*) FILTER (WHERE is_ai_ml_role) AS ai_ml_postings
    FROM base
)
SELECT
    d.skill_id,
    any_value(d.skill) AS skill,
    any_value(d.category) AS category,
    any_value(d.cluster) AS cluster,
    any_value(d.is_ai_ml) AS is_ai_ml,
    count(*) AS postings,
    count(*) FILTER (WHERE b.is_ai_ml_role) AS ai_ml_role_postings,
    any_value(t.postings) AS total_postings,
    any_value(t.ai_ml_postings) AS total_ai_ml_postings,
    count(*) / any_value(t.postings) AS share,
    CASE WHEN any_value(t.ai_ml_postings) > 0
        THEN count(*) FILTER (WHERE b.is_ai_ml_role) / any_value(t.ai_ml_postings)
    END AS share_within_ai_ml
FROM v_posting_demand AS d
JOIN base AS b USING (posting_id)
CROSS JOIN totals AS t
GROUP BY d.skill_id;
