-- Pairs of skills asked for together in AI/ML technician postings (both orders).
CREATE OR REPLACE MACRO skill_cooccurrence(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
    WHERE is_ai_ml_role
),
asked AS (
    SELECT d.posting_id, d.skill_id, d.skill
    FROM v_posting_demand AS d
    JOIN base USING (posting_id)
),
single AS (SELECT skill_id, count(*) AS postings FROM asked GROUP BY skill_id)
SELECT
    a.skill_id AS skill_a,
    any_value(a.skill) AS skill_a_name,
    b.skill_id AS skill_b,
    any_value(b.skill) AS skill_b_name,
    count(*) AS postings_both,
    any_value(sa.postings) AS postings_a,
    any_value(sb.postings) AS postings_b,
    any_value(n.ai_ml_postings) AS ai_ml_postings
FROM asked AS a
JOIN asked AS b ON a.posting_id = b.posting_id AND a.skill_id <> b.skill_id
JOIN single AS sa ON sa.skill_id = a.skill_id
JOIN single AS sb ON sb.skill_id = b.skill_id
CROSS JOIN (SELECT count(*) AS ai_ml_postings FROM base) AS n
GROUP BY a.skill_id, b.skill_id;
