-- Months holding filtered postings, with how many. Params: the filters.
SELECT month, count(*) AS postings
FROM report_postings(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
GROUP BY month
ORDER BY month
