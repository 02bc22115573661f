-- The skills whose share grew most from the first to the last year with at least
-- $min_postings postings, asked for in at least $min_base postings of the last year, with the
-- first year each reached $threshold of postings (NULL if never). Params: the filters,
-- $min_postings, $min_base, $threshold, $limit.
SELECT *
FROM skill_change_long_run(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings, cluster_ids := []::VARCHAR[], threshold := $threshold)
WHERE late_postings >= $min_base
ORDER BY change_pp DESC, item_id
LIMIT $limit
