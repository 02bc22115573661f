-- Share of each period's postings (month, quarter or year) that are AI/ML technician
-- postings (v_posting_profiles), and that ask for at least one AI/ML skill, with 95% Wilson
-- bounds of the first. Only periods holding postings have rows; run numbers stretches of
-- consecutive periods with postings, as in share_by_period.
CREATE OR REPLACE MACRO ai_ml_share_by_period(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    period := 'month', min_postings := 30
) AS TABLE
WITH
counted AS (
    SELECT
        period_start(period, month) AS period_start,
        count(DISTINCT month) AS months,
        min(month) AS first_month,
        max(month) AS last_month,
        count(*) AS postings,
        count(*) FILTER (WHERE is_ai_ml_role) AS ai_ml_role_postings,
        count(*) FILTER (WHERE asks_ai_ml_skill) AS ai_ml_skill_postings
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
    GROUP BY 1
),
stepped AS (
    SELECT *,
        lag(period_start) OVER (ORDER BY period_start) AS previous_start,
        CASE period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END AS step_months
    FROM counted
)
SELECT
    period_start,
    period_label(period, period_start) AS period_label,
    first_month,
    last_month,
    months::BIGINT AS months,
    sum(CASE WHEN previous_start IS NULL
               OR previous_start + to_months(step_months) <> period_start
        THEN 1 ELSE 0 END) OVER (ORDER BY period_start)::BIGINT AS run,
    postings,
    ai_ml_role_postings,
    ai_ml_skill_postings,
    postings < min_postings AS suppressed,
    CASE WHEN postings >= min_postings THEN ai_ml_role_postings / postings END AS share,
    CASE WHEN postings >= min_postings THEN wilson_low(ai_ml_role_postings, postings) END
        AS ci_low,
    CASE WHEN postings >= min_postings THEN wilson_high(ai_ml_role_postings, postings) END
        AS ci_high,
    CASE WHEN postings >= min_postings THEN ai_ml_skill_postings / postings END AS skill_share
FROM stepped;
