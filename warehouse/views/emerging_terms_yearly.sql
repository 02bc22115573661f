-- Terms the taxonomy does not know, listed beside known skills, with their share of postings
-- in the first and the last year holding at least min_postings postings (no rows with fewer
-- than two such years): the unknown terms that grow over the years.
CREATE OR REPLACE MACRO emerging_terms_yearly(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30
) AS TABLE
WITH
base AS (
    SELECT posting_id, month, period_start('year', month) AS year_start
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
years AS (
    SELECT year_start, count(*) AS postings
    FROM base
    GROUP BY year_start
    HAVING count(*) >= min_postings
),
ends AS (
    SELECT min(year_start) AS first_start, max(year_start) AS last_start FROM years
),
uses AS (
    SELECT u.term, u.text, u.posting_id, b.month, b.year_start
    FROM unknown_terms AS u
    JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
    JOIN base AS b USING (posting_id)
),
per_term AS (
    SELECT
        u.term,
        mode(u.text) AS example,
        count(DISTINCT u.posting_id) AS postings,
        min(u.month) AS first_month,
        count(DISTINCT u.posting_id) FILTER (WHERE u.year_start = e.first_start) AS early_k,
        count(DISTINCT u.posting_id) FILTER (WHERE u.year_start = e.last_start) AS late_k
    FROM uses AS u
    CROSS JOIN ends AS e
    GROUP BY u.term
)
SELECT
    t.term,
    t.example,
    t.postings,
    t.first_month,
    year(e.first_start)::BIGINT AS early_year,
    year(e.last_start)::BIGINT AS late_year,
    t.early_k AS early_postings,
    fy.postings AS early_total,
    t.late_k AS late_postings,
    ly.postings AS late_total,
    t.early_k / fy.postings AS early_share,
    t.late_k / ly.postings AS late_share,
    100 * (t.late_k / ly.postings - t.early_k / fy.postings) AS change_pp,
    100 * newcombe_low(t.early_k, fy.postings, t.late_k, ly.postings) AS change_low_pp,
    100 * newcombe_high(t.early_k, fy.postings, t.late_k, ly.postings) AS change_high_pp,
    t.early_k = 0 AS is_new
FROM per_term AS t
CROSS JOIN ends AS e
JOIN years AS fy ON fy.year_start = e.first_start
JOIN years AS ly ON ly.year_start = e.last_start
WHERE e.first_start < e.last_start;
