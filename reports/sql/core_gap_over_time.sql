-- Per core skill: demand in the first and the last year with at least $min_postings AI/ML
-- technician postings, the change with its 95% Newcombe (hybrid Wilson score) interval, and
-- today's coverage. No rows unless two such years exist. Params: the filters, $min_postings.
WITH
yearly AS (
    SELECT *
    FROM core_demand_yearly(since := $since, until := $until, countries := $countries,
        sources := $sources, title_pattern := $title_pattern, min_postings := $min_postings)
),
ends AS (
    SELECT min("year") AS first_year, max("year") AS last_year FROM yearly
),
gap AS (
    SELECT item_id, coverage, programmes_teaching, programmes_total
    FROM core_gap(since := $since, until := $until, countries := $countries,
        sources := $sources, title_pattern := $title_pattern)
)
SELECT
    f.position,
    f.item_id,
    f.item,
    e.first_year,
    f.postings AS first_postings,
    f.technician_postings AS first_total,
    f.share AS first_share,
    f.ci_low AS first_ci_low,
    f.ci_high AS first_ci_high,
    e.last_year,
    l.postings AS last_postings,
    l.technician_postings AS last_total,
    l.share AS last_share,
    l.ci_low AS last_ci_low,
    l.ci_high AS last_ci_high,
    l.share - f.share AS change,
    l.share - f.share
        - sqrt(power(l.share - l.ci_low, 2) + power(f.ci_high - f.share, 2)) AS change_low,
    l.share - f.share
        + sqrt(power(l.ci_high - l.share, 2) + power(f.share - f.ci_low, 2)) AS change_high,
    g.coverage,
    g.programmes_teaching,
    g.programmes_total
FROM ends AS e
JOIN yearly AS f ON f."year" = e.first_year
JOIN yearly AS l ON l."year" = e.last_year AND l.item_id = f.item_id
JOIN gap AS g ON g.item_id = f.item_id
WHERE e.first_year < e.last_year
ORDER BY f.position
