-- Monthly share of postings asking for the chosen skills or clusters (item ids), with Wilson
-- bounds and the 3-month rolling share; thin months come back suppressed.
-- Params: the filters, $item_kind ('skill' or 'cluster'), $item_ids, $min_postings.
SELECT *
FROM share_monthly(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings)
WHERE item_kind = $item_kind AND list_contains($item_ids, item_id)
ORDER BY item_id, month
