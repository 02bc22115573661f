-- Views for researchers: the mentions of the versions the last completed tagging run used,
-- so a half-finished re-tag under new versions is never what a reader sees.

CREATE VIEW v_current_versions AS
SELECT taxonomy_version, extractor_version
FROM runs
WHERE status = 'completed' AND taxonomy_version IS NOT NULL
ORDER BY finished_at DESC
LIMIT 1;

CREATE VIEW v_skill_mentions AS
SELECT m.*
FROM skill_mentions AS m
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version);

CREATE VIEW v_skills AS
SELECT s.*
FROM taxonomy_skills AS s
JOIN v_current_versions AS v USING (taxonomy_version);

-- One row per posting and skill; a posting "requires" a skill if any mention says so.
CREATE VIEW v_posting_skills AS
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

-- The month a posting counts in: its posting date, else when it was first seen.
CREATE VIEW v_postings AS
SELECT
    p.*,
    CAST(date_trunc('month', coalesce(p.posted_at, p.first_seen) AT TIME ZONE 'UTC') AS DATE)
        AS month
FROM postings AS p;
