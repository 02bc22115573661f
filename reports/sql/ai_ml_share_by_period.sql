-- Share per period of AI/ML technician postings, with Wilson bounds. Params: the filters,
-- $period, $min_postings.
SELECT *
FROM ai_ml_share_by_period(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    period := $period, min_postings := $min_postings)
ORDER BY period_start
