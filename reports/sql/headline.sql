-- Headline numbers of the filtered postings: one row.
-- Params: the filters ($since, $until, $countries, $sources, $title_pattern).
WITH base AS (SELECT * FROM report_postings(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern))
SELECT
    (SELECT count(*) FROM base) AS postings,
    (SELECT coalesce(sum(sightings), 0)::BIGINT FROM base) AS sightings,
    (SELECT min(month) FROM base) AS first_month,
    (SELECT max(month) FROM base) AS last_month,
    (SELECT list(DISTINCT source ORDER BY source) FROM base) AS sources,
    (SELECT count(*) FROM base WHERE asks_ai_ml_skill) AS ai_ml_skill_postings,
    (SELECT count(*) FROM base WHERE is_ai_ml_role) AS ai_ml_role_postings,
    (SELECT max(last_seen) FROM base) AS last_seen,
    (SELECT max(finished_at) FROM runs WHERE status = 'completed') AS last_run,
    (
        SELECT count(*)
        FROM v_skill_mentions AS m
        JOIN base USING (posting_id)
    ) AS mentions,
    (SELECT taxonomy_version FROM v_current_versions) AS taxonomy_version,
    (SELECT extractor_version FROM v_current_versions) AS extractor_version
