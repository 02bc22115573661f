-- Year-over-year change for the chosen clusters and skills, every pair of consecutive years
-- with at least $min_postings postings each. Params: the filters, $min_postings, $cluster_ids,
-- $skill_ids.
SELECT *
FROM skill_growth_yoy(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings, skill_ids := $skill_ids, cluster_ids := $cluster_ids)
ORDER BY item_kind, item_id, late_year
