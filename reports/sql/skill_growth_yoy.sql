-- Year-over-year change for the chosen skills or clusters, every pair of consecutive years
-- with at least $min_postings postings each. Params: the filters, $min_postings, $cluster_ids,
-- $skill_ids.
SELECT *
FROM skill_growth_yoy(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings)
WHERE (item_kind = 'cluster' AND list_contains($cluster_ids, item_id))
   OR (item_kind = 'skill' AND list_contains($skill_ids, item_id))
ORDER BY item_kind, item_id, late_year
