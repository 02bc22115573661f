-- ai_ml_share_by_period per month, with the columns named for months: the share of each
-- month's postings that are AI/ML technician postings, and that ask for at least one AI/ML
-- skill, with 95% Wilson bounds of the first.
CREATE OR REPLACE MACRO ai_ml_share_monthly(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30
) AS TABLE
SELECT
    period_start AS month,
    postings,
    ai_ml_role_postings,
    ai_ml_skill_postings,
    suppressed,
    share,
    ci_low,
    ci_high,
    skill_share
FROM ai_ml_share_by_period(since := since, until := until, countries := countries,
                           sources := sources, title_pattern := title_pattern,
                           period := 'month', min_postings := min_postings);
