-- Indeed Hiring Lab's daily AI-postings share (7-day trailing average, in percent) as a
-- monthly mean share (0-1) per country, for the given countries and months.
-- Params: $path (the shipped AI_posting.csv), $countries, $first_month, $last_month.
SELECT
    jobcountry AS country,
    CAST(date_trunc('month', date) AS DATE) AS month,
    avg(AI_share_postings) / 100 AS share,
    count(*) AS days
FROM read_csv(
    $path,
    header = true,
    columns = {'date': 'DATE', 'jobcountry': 'VARCHAR', 'AI_share_postings': 'DOUBLE'}
)
WHERE list_contains($countries, jobcountry)
  AND date >= $first_month
  AND date < $last_month + INTERVAL 1 MONTH
GROUP BY ALL
ORDER BY country, month
