-- Indeed Hiring Lab's daily AI-postings share (7-day trailing average, in percent) as a mean
-- share (0-1) per country and period, over the days of the given months only (the months
-- that hold postings), so a period Indeed covers and the postings do not stays empty.
-- Params: $path (the shipped AI_posting.csv), $countries, $months, $period.
SELECT
    jobcountry AS country,
    period_start($period, CAST(date_trunc('month', date) AS DATE)) AS period_start,
    period_label($period, period_start($period, CAST(date_trunc('month', date) AS DATE)))
        AS period_label,
    avg(AI_share_postings) / 100 AS share,
    count(*) AS days
FROM read_csv(
    $path,
    header = true,
    columns = {'date': 'DATE', 'jobcountry': 'VARCHAR', 'AI_share_postings': 'DOUBLE'}
)
WHERE list_contains($countries, jobcountry)
  AND list_contains($months, CAST(date_trunc('month', date) AS DATE))
GROUP BY ALL
ORDER BY country, period_start
