-- Per skill taught by any programme and per programme kind: how many programmes of that kind
-- teach it, of how many, and the mean share of their lessons naming it (zero for those that
-- do not teach it).
CREATE OR REPLACE VIEW v_skill_coverage_by_kind AS
WITH
kinds AS (
    SELECT kind, count(*) AS programmes
    FROM v_curricula
    GROUP BY kind
),
skills AS (
    SELECT skill_id, any_value(skill) AS skill
    FROM v_programme_skill_coverage
    GROUP BY skill_id
)
SELECT
    sk.skill_id,
    sk.skill,
    k.kind,
    count(s.curriculum_id) AS programmes_teaching,
    k.programmes,
    count(s.curriculum_id) / k.programmes AS coverage,
    coalesce(sum(s.lesson_share), 0) / k.programmes AS mean_lesson_share
FROM skills AS sk
CROSS JOIN kinds AS k
LEFT JOIN v_programme_skill_coverage AS s ON s.skill_id = sk.skill_id AND s.kind = k.kind
GROUP BY sk.skill_id, sk.skill, k.kind, k.programmes;
