-- Companies with the most distinct filtered postings, how many are AI/ML technician postings,
-- and the title of each one's latest posting. Params: the filters, $limit.
SELECT
    company,
    count(*) AS postings,
    count(*) FILTER (WHERE is_ai_ml_role) AS ai_ml_role_postings,
    arg_max(title, (first_seen, posting_id)) AS latest_title
FROM report_postings(
    since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
WHERE company IS NOT NULL AND trim(company) <> ''
GROUP BY company
ORDER BY postings DESC, company
LIMIT $limit
