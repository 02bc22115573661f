-- Share of each month's postings that are AI/ML technician postings (v_posting_profiles),
-- and that ask for at least one AI/ML skill, with 95% Wilson bounds of the first.
CREATE OR REPLACE MACRO ai_ml_share_monthly(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30
) AS TABLE
SELECT
    month,
    count(*) AS postings,
    count(*) FILTER (WHERE is_ai_ml_role) AS ai_ml_role_postings,
    count(*) FILTER (WHERE asks_ai_ml_skill) AS ai_ml_skill_postings,
    count(*) < min_postings AS suppressed,
    CASE WHEN count(*) >= min_postings THEN ai_ml_role_postings / postings END AS share,
    CASE WHEN count(*) >= min_postings THEN wilson_low(ai_ml_role_postings, postings) END
        AS ci_low,
    CASE WHEN count(*) >= min_postings THEN wilson_high(ai_ml_role_postings, postings) END
        AS ci_high,
    CASE WHEN count(*) >= min_postings THEN ai_ml_skill_postings / postings END
        AS skill_share
FROM report_postings(since := since, until := until, countries := countries,
                     sources := sources, title_pattern := title_pattern)
GROUP BY month;
