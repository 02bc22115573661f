-- The training programmes tagged under the current versions, with their number of lessons.
CREATE OR REPLACE VIEW v_curricula AS
SELECT
    c.curriculum_id,
    c.name,
    c.provider,
    c.kind,
    c.licence,
    c.url,
    (SELECT count(*) FROM curriculum_lessons AS l WHERE l.curriculum_id = c.curriculum_id)
        AS lessons
FROM curricula AS c
JOIN curriculum_tags AS t ON t.curriculum_id = c.curriculum_id AND t.content_hash = c.content_hash
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version);
