-- Per programme and skill it teaches (named in at least one lesson): how many of its lessons
-- name the skill and what share of its lessons that is. A skill it does not teach has no row.
CREATE OR REPLACE VIEW v_programme_skill_coverage AS
SELECT
    p.curriculum_id,
    p.name,
    p.kind,
    s.skill_id,
    any_value(s.skill) AS skill,
    true AS taught,
    count(DISTINCT s.lesson) AS lessons_naming,
    p.lessons,
    count(DISTINCT s.lesson) / p.lessons AS lesson_share
FROM v_curricula AS p
JOIN v_curriculum_lesson_skills AS s USING (curriculum_id)
GROUP BY p.curriculum_id, p.name, p.kind, p.lessons, s.skill_id;
