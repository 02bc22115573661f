-- Change in share between the first and the last window_months reported months (months with
-- at least min_postings postings); needs 2 * window_months reported months, else no rows.
-- A skill absent from the early window is_new and has no growth_pct.
CREATE OR REPLACE MACRO skill_growth(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30, window_months := 2
) AS TABLE
WITH
base AS (
    SELECT posting_id, month
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
reported AS (
    SELECT
        month,
        count(*) AS postings,
        row_number() OVER (ORDER BY month) AS from_start,
        row_number() OVER (ORDER BY month DESC) AS from_end,
        count(*) OVER () AS n_months
    FROM base
    GROUP BY month
    HAVING count(*) >= min_postings
),
windowed AS (
    SELECT month, postings,
        CASE
            WHEN from_start <= window_months THEN 'early'
            WHEN from_end <= window_months THEN 'late'
        END AS period
    FROM reported
    WHERE n_months >= 2 * window_months
),
period_total AS (
    SELECT period, sum(postings)::BIGINT AS postings, min(month) AS first_month,
           max(month) AS last_month
    FROM windowed
    WHERE period IS NOT NULL
    GROUP BY period
),
per_skill AS (
    SELECT
        d.skill_id,
        any_value(d.skill) AS skill,
        any_value(d.cluster) AS cluster,
        count(*) FILTER (WHERE w.period = 'early') AS early_postings,
        count(*) FILTER (WHERE w.period = 'late') AS late_postings
    FROM v_posting_demand AS d
    JOIN base AS b USING (posting_id)
    JOIN windowed AS w ON w.month = b.month
    WHERE w.period IS NOT NULL
    GROUP BY d.skill_id
)
SELECT
    k.skill_id,
    k.skill,
    k.cluster,
    k.early_postings,
    e.postings AS early_total,
    k.late_postings,
    l.postings AS late_total,
    k.early_postings / e.postings AS early_share,
    k.late_postings / l.postings AS late_share,
    100 * (k.late_postings / l.postings - k.early_postings / e.postings) AS change_pp,
    CASE WHEN k.early_postings > 0
        THEN 100 * ((k.late_postings / l.postings) / (k.early_postings / e.postings) - 1)
    END AS growth_pct,
    k.early_postings = 0 AS is_new,
    e.first_month AS early_first,
    e.last_month AS early_last,
    l.first_month AS late_first,
    l.last_month AS late_last
FROM per_skill AS k
CROSS JOIN (SELECT * FROM period_total WHERE period = 'early') AS e
CROSS JOIN (SELECT * FROM period_total WHERE period = 'late') AS l;
