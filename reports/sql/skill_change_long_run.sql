-- Change from the first to the last year with at least $min_postings postings, for the chosen
-- clusters and skills. Params: the filters, $min_postings, $cluster_ids, $skill_ids.
SELECT *
FROM skill_change_long_run(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings, skill_ids := $skill_ids, cluster_ids := $cluster_ids)
ORDER BY change_pp DESC, item_kind, item_id
