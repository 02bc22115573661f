-- One dimension of the breakdown, largest groups first. Params: the filters, $dimension,
-- $limit.
SELECT *
FROM breakdown(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
WHERE dimension = $dimension
ORDER BY postings DESC, value
LIMIT $limit
