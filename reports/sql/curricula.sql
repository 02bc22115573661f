-- The training programmes tagged under the current versions, with their kind, licence,
-- lessons and the skills they teach. Params: none.
SELECT
    c.name,
    c.provider,
    c.kind,
    c.licence,
    c.lessons,
    count(s.skill_id) AS skills,
    list(s.skill ORDER BY s.skill) FILTER (WHERE s.skill IS NOT NULL) AS skill_names
FROM v_curricula AS c
LEFT JOIN v_programme_skill_coverage AS s USING (curriculum_id)
GROUP BY c.curriculum_id, c.name, c.provider, c.kind, c.licence, c.lessons
ORDER BY c.kind, c.name, c.provider
