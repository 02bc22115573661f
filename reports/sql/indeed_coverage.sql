-- Countries and date range of the shipped Indeed series. Params: $path.
SELECT
    list(DISTINCT jobcountry ORDER BY jobcountry) AS countries,
    min(date) AS first_day,
    max(date) AS last_day
FROM read_csv(
    $path,
    header = true,
    columns = {'date': 'DATE', 'jobcountry': 'VARCHAR', 'AI_share_postings': 'DOUBLE'}
)
