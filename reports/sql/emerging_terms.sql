-- Unknown terms used in at least $min_postings_term postings, most used lately first.
-- Params: the filters, $recent_months, $min_postings_term, $limit.
SELECT *
FROM emerging_terms(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    recent_months := $recent_months)
WHERE postings >= $min_postings_term
ORDER BY recent_postings DESC, postings DESC, term
LIMIT $limit
