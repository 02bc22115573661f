-- One row per posting with what the report groups and filters by.
CREATE OR REPLACE VIEW v_posting_facts AS
SELECT
    p.posting_id,
    p.month,
    p.source,
    p.company,
    p.title,
    p.location,
    coalesce(p.country, location_country(p.location)) AS country,
    coalesce(pr.role_family, 'other') AS role_family,
    coalesce(pr.is_ai_ml_role, false) AS is_ai_ml_role,
    a.posting_id IS NOT NULL AS asks_ai_ml_skill,
    p.sightings,
    p.first_seen,
    p.last_seen
FROM v_postings AS p
LEFT JOIN v_posting_profiles AS pr USING (posting_id)
LEFT JOIN (
    SELECT DISTINCT ps.posting_id
    FROM v_posting_skills AS ps
    JOIN v_skills AS s USING (skill_id)
    WHERE s.is_ai_ml AND ps.requirement <> 'not_required'
) AS a USING (posting_id);
