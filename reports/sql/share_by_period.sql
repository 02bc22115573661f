-- Share per period (month, quarter or year) of postings asking for the chosen skills and
-- clusters, with Wilson bounds and the rolling share; thin periods come back suppressed.
-- Params: the filters, $period, $skill_ids, $cluster_ids (lists; empty: none of that kind),
-- $min_postings.
SELECT *
FROM share_by_period(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    period := $period, min_postings := $min_postings,
    skill_ids := $skill_ids, cluster_ids := $cluster_ids)
ORDER BY item_kind, item_id, period_start
