-- Year-over-year change of each skill's and cluster's share of postings: every year against
-- the year before, where both years hold at least min_postings postings (a year without
-- postings, or with too few, is compared with neither neighbour). The difference comes with
-- Newcombe's 95% interval, the ratio with Katz's log-scale interval; a skill absent from the
-- earlier year is_new and has no ratio. skill_ids and cluster_ids as in share_by_period.
CREATE OR REPLACE MACRO skill_growth_yoy(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30, skill_ids := NULL, cluster_ids := NULL
) AS TABLE
WITH
yearly AS MATERIALIZED (
    SELECT *
    FROM share_by_period(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern,
                         period := 'year', min_postings := min_postings,
                         skill_ids := skill_ids, cluster_ids := cluster_ids)
    WHERE NOT suppressed
)
SELECT
    l.item_kind,
    l.item_id,
    l.item,
    year(e.period_start)::BIGINT AS early_year,
    year(l.period_start)::BIGINT AS late_year,
    e.postings_with_item AS early_postings,
    e.postings_in_period AS early_total,
    l.postings_with_item AS late_postings,
    l.postings_in_period AS late_total,
    e.share AS early_share,
    l.share AS late_share,
    100 * (l.share - e.share) AS change_pp,
    100 * newcombe_low(e.postings_with_item, e.postings_in_period,
                       l.postings_with_item, l.postings_in_period) AS change_low_pp,
    100 * newcombe_high(e.postings_with_item, e.postings_in_period,
                        l.postings_with_item, l.postings_in_period) AS change_high_pp,
    CASE WHEN e.postings_with_item > 0 THEN l.share / e.share END AS ratio,
    katz_low(e.postings_with_item, e.postings_in_period,
             l.postings_with_item, l.postings_in_period) AS ratio_low,
    katz_high(e.postings_with_item, e.postings_in_period,
              l.postings_with_item, l.postings_in_period) AS ratio_high,
    e.postings_with_item = 0 AS is_new
FROM yearly AS e
JOIN yearly AS l
    ON l.item_kind = e.item_kind AND l.item_id = e.item_id
   AND l.period_start = CAST(e.period_start + INTERVAL 1 YEAR AS DATE);
