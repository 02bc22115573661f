-- The AI/ML technician's core items (nlp/taxonomy/profiles.toml): for each, the AI/ML
-- technician postings asking for any of its skills, their share with a 95% Wilson interval;
-- items no posting asks for are listed with zero. Params: the filters, and the core list as
-- four parallel lists, one entry per item and skill: $positions, $item_ids, $items, $skill_ids.
WITH
core AS (
    SELECT
        unnest($positions) AS position,
        unnest($item_ids) AS item_id,
        unnest($items) AS item,
        unnest($skill_ids) AS skill_id
),
base AS (
    SELECT posting_id
    FROM report_postings(since := $since, until := $until, countries := $countries,
        sources := $sources, title_pattern := $title_pattern)
    WHERE is_ai_ml_role
),
asked AS (
    SELECT c.item_id, count(DISTINCT d.posting_id) AS postings
    FROM v_posting_demand AS d
    JOIN base USING (posting_id)
    JOIN core AS c USING (skill_id)
    GROUP BY c.item_id
),
total AS (SELECT count(*) AS n FROM base)
SELECT
    i.position,
    i.item_id,
    i.item,
    i.skills,
    coalesce(a.postings, 0) AS ai_ml_role_postings,
    t.n AS total_ai_ml_postings,
    CASE WHEN t.n > 0 THEN coalesce(a.postings, 0) / t.n END AS share,
    CASE WHEN t.n > 0 THEN wilson_low(coalesce(a.postings, 0), t.n) END AS ci_low,
    CASE WHEN t.n > 0 THEN wilson_high(coalesce(a.postings, 0), t.n) END AS ci_high
FROM (
    SELECT position, item_id, any_value(item) AS item, list(skill_id ORDER BY skill_id) AS skills
    FROM core
    GROUP BY position, item_id
) AS i
CROSS JOIN total AS t
LEFT JOIN asked AS a USING (item_id)
ORDER BY share DESC NULLS LAST, i.position
