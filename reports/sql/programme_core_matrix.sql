-- Every programme against every core skill: taught or not, and the share of its lessons
-- naming it. Params: none.
SELECT curriculum_id, name, provider, kind, item_id, item, position, taught, lessons_naming,
       lessons, lesson_share
FROM v_programme_core_coverage
ORDER BY kind, name, curriculum_id, position
