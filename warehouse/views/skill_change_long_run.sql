-- Long-run change of each skill's and cluster's share of postings: the first year against the
-- last year holding at least min_postings postings (no rows with fewer than two such years).
-- Columns as skill_growth_yoy: difference with Newcombe's 95% interval, ratio with Katz's;
-- and the first of the years compared in which the share reached threshold (NULL if none).
-- skill_ids and cluster_ids as in share_by_period.
CREATE OR REPLACE MACRO skill_change_long_run(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30, skill_ids := NULL, cluster_ids := NULL, threshold := 0.01
) AS TABLE
WITH
yearly AS MATERIALIZED (
    SELECT *
    FROM share_by_period(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern,
                         period := 'year', min_postings := min_postings,
                         skill_ids := skill_ids, cluster_ids := cluster_ids)
    WHERE NOT suppressed
),
ends AS (
    SELECT min(period_start) AS first_start, max(period_start) AS last_start FROM yearly
),
reached AS (
    SELECT item_kind, item_id, min(year(period_start))::BIGINT AS first_year_at_threshold
    FROM yearly
    WHERE share >= threshold
    GROUP BY item_kind, item_id
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
    e.postings_with_item = 0 AS is_new,
    r.first_year_at_threshold
FROM ends
JOIN yearly AS e ON e.period_start = ends.first_start
JOIN yearly AS l
    ON l.item_kind = e.item_kind AND l.item_id = e.item_id
   AND l.period_start = ends.last_start
LEFT JOIN reached AS r ON r.item_kind = l.item_kind AND r.item_id = l.item_id
WHERE ends.first_start < ends.last_start;
