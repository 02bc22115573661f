-- Change in share between the earliest and the latest $window_months reported months (those
-- with at least $min_postings postings). Needs at least 2 * $window_months such months, so
-- the two windows never overlap; otherwise no rows. A skill must appear in at least
-- $min_base postings of the late window. A skill absent from the early window is flagged
-- is_new instead of being given a growth rate.
-- Params: $min_postings, $window_months, $min_base, $limit.
WITH
reported AS (
    SELECT
        month,
        count(*) AS postings,
        row_number() OVER (ORDER BY month) AS from_start,
        row_number() OVER (ORDER BY month DESC) AS from_end,
        count(*) OVER () AS n_months
    FROM v_postings
    GROUP BY month
    HAVING count(*) >= $min_postings
),
windowed AS (
    SELECT
        month,
        postings,
        CASE
            WHEN from_start <= $window_months THEN 'early'
            WHEN from_end <= $window_months THEN 'late'
        END AS period
    FROM reported
    WHERE n_months >= 2 * $window_months
),
period_total AS (
    SELECT
        period,
        sum(postings)::BIGINT AS postings,
        min(month) AS first_month,
        max(month) AS last_month
    FROM windowed
    WHERE period IS NOT NULL
    GROUP BY period
),
skill_period AS (
    SELECT ps.skill_id, w.period, count(*) AS postings
    FROM v_posting_skills AS ps
    JOIN v_postings AS p USING (posting_id)
    JOIN windowed AS w ON w.month = p.month
    WHERE w.period IS NOT NULL
    GROUP BY ps.skill_id, w.period
),
per_skill AS (
    SELECT
        s.skill_id,
        s.name AS skill,
        s.category,
        coalesce(max(sp.postings) FILTER (WHERE sp.period = 'early'), 0) AS early_postings,
        coalesce(max(sp.postings) FILTER (WHERE sp.period = 'late'), 0) AS late_postings
    FROM skill_period AS sp
    JOIN v_skills AS s USING (skill_id)
    GROUP BY s.skill_id, s.name, s.category
)
SELECT
    k.skill_id,
    k.skill,
    k.category,
    k.early_postings,
    e.postings AS early_total,
    k.late_postings,
    l.postings AS late_total,
    k.early_postings / e.postings AS early_share,
    k.late_postings / l.postings AS late_share,
    100 * (k.late_postings / l.postings - k.early_postings / e.postings) AS change_pp,
    k.early_postings = 0 AS is_new,
    e.first_month AS early_first,
    e.last_month AS early_last,
    l.first_month AS late_first,
    l.last_month AS late_last
FROM per_skill AS k
CROSS JOIN (SELECT * FROM period_total WHERE period = 'early') AS e
CROSS JOIN (SELECT * FROM period_total WHERE period = 'late') AS l
WHERE k.late_postings >= $min_base
ORDER BY change_pp DESC, k.skill, k.skill_id
LIMIT $limit
