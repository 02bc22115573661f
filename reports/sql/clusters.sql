-- Clusters by postings asking for any of their skills. Params: the filters.
SELECT d.cluster, count(DISTINCT d.posting_id) AS postings
FROM v_posting_demand AS d
JOIN report_postings(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern) AS b USING (posting_id)
WHERE d.cluster IS NOT NULL
GROUP BY d.cluster
ORDER BY postings DESC, d.cluster
