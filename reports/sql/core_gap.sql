-- Every core skill of the technician with its demand (latest year, 95% Wilson interval),
-- coverage and gap, in the core list's order. Params: the filters.
SELECT *
FROM core_gap(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
ORDER BY position
