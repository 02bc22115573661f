-- Postings and AI/ML technician postings per country, source, company and role family.
CREATE OR REPLACE MACRO breakdown(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT *
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
keyed AS (
    SELECT 'country' AS dimension, coalesce(country, 'unknown') AS value, is_ai_ml_role
    FROM base
    UNION ALL
    SELECT 'source', source, is_ai_ml_role FROM base
    UNION ALL
    SELECT 'company', coalesce(nullif(trim(company), ''), 'unknown'), is_ai_ml_role FROM base
    UNION ALL
    SELECT 'role_family', role_family, is_ai_ml_role FROM base
)
SELECT
    dimension,
    value,
    count(*) AS postings,
    count(*) FILTER (WHERE is_ai_ml_role) AS ai_ml_role_postings,
    ai_ml_role_postings / postings AS ai_ml_share,
    wilson_low(ai_ml_role_postings, postings) AS ci_low,
    wilson_high(ai_ml_role_postings, postings) AS ci_high
FROM keyed
GROUP BY dimension, value;
