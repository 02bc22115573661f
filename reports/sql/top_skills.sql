-- The skills mentioned in the most postings, with their share of all postings and their
-- share within postings that mention at least one AI/ML skill.
-- Params: $top_n. Ties are broken by name so the order is stable.
WITH
posting_skill AS (
    SELECT ps.posting_id, ps.skill_id, s.name, s.category, s.is_ai_ml
    FROM v_posting_skills AS ps
    JOIN v_skills AS s USING (skill_id)
    JOIN v_postings AS p USING (posting_id)
),
ai_ml_posting AS (
    SELECT DISTINCT posting_id FROM posting_skill WHERE is_ai_ml
),
totals AS (
    SELECT
        (SELECT count(*) FROM v_postings) AS all_postings,
        (SELECT count(*) FROM ai_ml_posting) AS ai_ml_postings
)
SELECT
    ps.skill_id,
    any_value(ps.name) AS skill,
    any_value(ps.category) AS category,
    any_value(ps.is_ai_ml) AS is_ai_ml,
    count(*) AS postings,
    count(*) FILTER (WHERE a.posting_id IS NOT NULL) AS ai_ml_postings_with_skill,
    count(*) / any_value(t.all_postings) AS share,
    CASE
        WHEN any_value(t.ai_ml_postings) > 0
        THEN count(*) FILTER (WHERE a.posting_id IS NOT NULL) / any_value(t.ai_ml_postings)
    END AS share_within_ai_ml
FROM posting_skill AS ps
LEFT JOIN ai_ml_posting AS a USING (posting_id)
CROSS JOIN totals AS t
GROUP BY ps.skill_id
ORDER BY postings DESC, skill, ps.skill_id
LIMIT $top_n
