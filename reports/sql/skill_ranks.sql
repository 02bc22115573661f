-- Each skill's rank per period among all skills (1 = asked for in most postings; ties share
-- a rank), over periods with at least $min_postings postings. Params: the filters, $period,
-- $min_postings.
SELECT
    item_id,
    item,
    period_start,
    period_label,
    rank() OVER (PARTITION BY period_start ORDER BY postings_with_item DESC) AS rank,
    share,
    postings_with_item,
    postings_in_period
FROM share_by_period(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    period := $period, min_postings := $min_postings, cluster_ids := []::VARCHAR[])
WHERE NOT suppressed AND postings_with_item > 0
ORDER BY period_start, rank, item
