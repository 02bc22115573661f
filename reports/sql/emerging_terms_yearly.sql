-- Unknown terms whose share grew most from the first to the last year with at least
-- $min_postings postings, used in at least $min_postings_term postings in all.
-- Params: the filters, $min_postings, $min_postings_term, $limit.
SELECT *
FROM emerging_terms_yearly(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings)
WHERE postings >= $min_postings_term AND late_postings > early_postings
ORDER BY change_pp DESC, postings DESC, term
LIMIT $limit
