-- Companies with the most distinct postings, and the title of each one's latest posting.
-- Params: $limit.
SELECT
    company,
    count(*) AS postings,
    arg_max(title, (coalesce(posted_at, first_seen), posting_id)) AS latest_title
FROM v_postings
WHERE company IS NOT NULL AND trim(company) <> ''
GROUP BY company
ORDER BY postings DESC, company
LIMIT $limit
