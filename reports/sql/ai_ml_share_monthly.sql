-- Monthly share of AI/ML technician postings, with Wilson bounds. Params: the filters,
-- $min_postings.
SELECT *
FROM ai_ml_share_monthly(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings)
ORDER BY month
