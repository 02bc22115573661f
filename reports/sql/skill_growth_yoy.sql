-- Year-over-year change for the chosen skills or clusters, every pair of consecutive years
-- with at least $min_postings postings each. Params: the filters, $min_postings, $item_kind,
-- $item_ids.
SELECT *
FROM skill_growth_yoy(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings)
WHERE item_kind = $item_kind AND list_contains($item_ids, item_id)
ORDER BY item_id, late_year
