-- Year-over-year change: the 3 months up to the latest month against the same 3 months a
-- year before. No rows unless both windows hold postings.
CREATE OR REPLACE MACRO skill_growth_yoy(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id, month
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
latest AS (
    SELECT
        max(month) AS recent_last,
        CAST(max(month) - INTERVAL 2 MONTH AS DATE) AS recent_first,
        CAST(max(month) - INTERVAL 12 MONTH AS DATE) AS year_ago_last,
        CAST(max(month) - INTERVAL 14 MONTH AS DATE) AS year_ago_first
    FROM base
),
windowed AS (
    SELECT b.posting_id,
        CASE
            WHEN b.month BETWEEN l.recent_first AND l.recent_last THEN 'recent'
            WHEN b.month BETWEEN l.year_ago_first AND l.year_ago_last THEN 'year_ago'
        END AS period
    FROM base AS b
    CROSS JOIN latest AS l
),
totals AS (
    SELECT
        count(*) FILTER (WHERE period = 'recent') AS recent_total,
        count(*) FILTER (WHERE period = 'year_ago') AS year_ago_total
    FROM windowed
),
per_skill AS (
    SELECT
        d.skill_id,
        any_value(d.skill) AS skill,
        count(*) FILTER (WHERE w.period = 'recent') AS recent_postings,
        count(*) FILTER (WHERE w.period = 'year_ago') AS year_ago_postings
    FROM v_posting_demand AS d
    JOIN windowed AS w USING (posting_id)
    WHERE w.period IS NOT NULL
    GROUP BY d.skill_id
)
SELECT
    k.skill_id,
    k.skill,
    k.year_ago_postings,
    t.year_ago_total,
    k.recent_postings,
    t.recent_total,
    k.year_ago_postings / t.year_ago_total AS year_ago_share,
    k.recent_postings / t.recent_total AS recent_share,
    100 * (k.recent_postings / t.recent_total - k.year_ago_postings / t.year_ago_total)
        AS change_pp,
    CASE WHEN k.year_ago_postings > 0
        THEN 100 * ((k.recent_postings / t.recent_total)
                    / (k.year_ago_postings / t.year_ago_total) - 1)
    END AS growth_pct,
    k.year_ago_postings = 0 AS is_new,
    l.year_ago_first,
    l.year_ago_last,
    l.recent_first,
    l.recent_last
FROM per_skill AS k
CROSS JOIN totals AS t
CROSS JOIN latest AS l
WHERE t.recent_total > 0 AND t.year_ago_total > 0;
