-- Every programme against every core skill of the technician (core_skills), zeros included:
-- taught when a lesson names any of the item's skills; lesson_share is the share of the
-- programme's lessons that name one.
CREATE OR REPLACE VIEW v_programme_core_coverage AS
WITH
items AS (
    SELECT item_id, any_value(item) AS item, min(position) AS position
    FROM core_skills
    GROUP BY item_id
),
named AS (
    SELECT s.curriculum_id, k.item_id, count(DISTINCT s.lesson) AS lessons_naming
    FROM v_curriculum_lesson_skills AS s
    JOIN core_skills AS k USING (skill_id)
    GROUP BY s.curriculum_id, k.item_id
)
SELECT
    p.curriculum_id,
    p.name,
    p.provider,
    p.kind,
    i.item_id,
    i.item,
    i.position,
    coalesce(n.lessons_naming, 0) > 0 AS taught,
    coalesce(n.lessons_naming, 0) AS lessons_naming,
    p.lessons,
    coalesce(n.lessons_naming, 0) / p.lessons AS lesson_share
FROM v_curricula AS p
CROSS JOIN items AS i
LEFT JOIN named AS n USING (curriculum_id, item_id);
