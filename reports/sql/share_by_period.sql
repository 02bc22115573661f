-- Share per period (month, quarter or year) of postings asking for the chosen skills or
-- clusters (item ids), with Wilson bounds and the rolling share; thin periods come back
-- suppressed. Params: the filters, $period, $item_kind ('skill' or 'cluster'), $item_ids,
-- $min_postings.
SELECT *
FROM share_by_period(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    period := $period, min_postings := $min_postings)
WHERE item_kind = $item_kind AND list_contains($item_ids, item_id)
ORDER BY item_id, period_start
