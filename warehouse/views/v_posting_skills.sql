-- One row per posting and skill; a posting "requires" a skill if any mention says so.
CREATE OR REPLACE VIEW v_posting_skills AS
SELECT
    m.posting_id,
    m.skill_id,
    any_value(m.skill) AS skill,
    count(*) AS mentions,
    CASE
        WHEN bool_or(m.requirement = 'required') THEN 'required'
        WHEN bool_or(m.requirement = 'preferred') THEN 'preferred'
        WHEN bool_or(m.requirement = 'unknown') THEN 'unknown'
        ELSE 'not_required'
    END AS requirement
FROM v_skill_mentions AS m
GROUP BY m.posting_id, m.skill_id;
