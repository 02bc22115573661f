-- Postings per month, and whether the month has enough postings to report shares.
-- Params: $min_postings.
SELECT
    month,
    count(*) AS postings,
    count(*) >= $min_postings AS included
FROM v_postings
GROUP BY month
ORDER BY month
