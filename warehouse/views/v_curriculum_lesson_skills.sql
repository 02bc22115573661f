-- One row per programme, lesson and skill the lesson names, under the current versions.
CREATE OR REPLACE VIEW v_curriculum_lesson_skills AS
SELECT m.curriculum_id, m.lesson, m.skill_id, any_value(m.skill) AS skill, count(*) AS mentions
FROM curriculum_mentions AS m
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
GROUP BY m.curriculum_id, m.lesson, m.skill_id;
