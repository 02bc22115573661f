-- share_by_period per month, with the columns named for months: the share of each month's
-- postings asking for each skill and cluster, Wilson bounds, and the 3-month rolling share
-- (never pooled across a month without postings).
CREATE OR REPLACE MACRO share_monthly(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30
) AS TABLE
SELECT
    item_kind,
    item_id,
    item,
    period_start AS month,
    postings_with_item,
    postings_in_period AS postings_in_month,
    suppressed,
    share,
    ci_low,
    ci_high,
    rolling_postings_with_item,
    rolling_postings,
    rolling_share
FROM share_by_period(since := since, until := until, countries := countries,
                     sources := sources, title_pattern := title_pattern,
                     period := 'month', min_postings := min_postings);
