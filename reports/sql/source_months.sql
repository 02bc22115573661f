-- Distinct postings and sightings per source and month of the filtered postings.
-- Params: the filters.
SELECT source, month, count(*) AS postings, sum(sightings)::BIGINT AS sightings
FROM report_postings(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
GROUP BY source, month
ORDER BY source, month
