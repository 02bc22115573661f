-- Terms the taxonomy does not know, listed beside known skills; is_new when first seen in
-- the last recent_months months of the filtered postings.
CREATE OR REPLACE MACRO emerging_terms(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    recent_months := 2
) AS TABLE
WITH
base AS (
    SELECT posting_id, month
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
latest AS (
    SELECT CAST(max(month) - to_months(recent_months - 1) AS DATE) AS recent_first FROM base
),
uses AS (
    SELECT u.term, u.text, u.posting_id, b.month
    FROM unknown_terms AS u
    JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
    JOIN base AS b USING (posting_id)
)
SELECT
    u.term,
    mode(u.text) AS example,
    count(DISTINCT u.posting_id) AS postings,
    count(DISTINCT u.posting_id) FILTER (WHERE u.month >= l.recent_first) AS recent_postings,
    min(u.month) AS first_month,
    max(u.month) AS last_month,
    min(u.month) >= any_value(l.recent_first) AS is_new
FROM uses AS u
CROSS JOIN latest AS l
GROUP BY u.term;
