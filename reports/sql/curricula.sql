-- The training programmes tagged under the current versions, with how many skills each
-- covers. Params: none.
SELECT
    c.name,
    c.provider,
    c.kind,
    count(s.skill_id) AS skills,
    list(s.skill ORDER BY s.skill) FILTER (WHERE s.skill IS NOT NULL) AS skill_names
FROM curricula AS c
JOIN curriculum_tags AS t USING (curriculum_id)
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
LEFT JOIN v_curriculum_skills AS s USING (curriculum_id)
GROUP BY c.curriculum_id, c.name, c.provider, c.kind
ORDER BY c.kind, c.name, c.provider
