-- Share of a month's postings that mention each of the given skills, for the months with at
-- least $min_postings postings. A month where a skill is absent gets a row with share 0.
-- Params: $skill_ids (list of skill ids), $min_postings.
WITH
month_total AS (
    SELECT month, count(*) AS postings
    FROM v_postings
    GROUP BY month
    HAVING count(*) >= $min_postings
),
chosen AS (
    SELECT skill_id, name AS skill
    FROM v_skills
    WHERE list_contains($skill_ids, skill_id)
),
hits AS (
    SELECT p.month, ps.skill_id, count(*) AS postings
    FROM v_posting_skills AS ps
    JOIN v_postings AS p USING (posting_id)
    WHERE list_contains($skill_ids, ps.skill_id)
    GROUP BY p.month, ps.skill_id
)
SELECT
    m.month,
    c.skill_id,
    c.skill,
    coalesce(h.postings, 0) AS postings_with_skill,
    m.postings AS postings_in_month,
    coalesce(h.postings, 0) / m.postings AS share
FROM month_total AS m
CROSS JOIN chosen AS c
LEFT JOIN hits AS h ON h.month = m.month AND h.skill_id = c.skill_id
ORDER BY c.skill_id, m.month
