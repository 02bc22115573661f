-- Headline numbers of the report: one row.
-- Params: none. ai_ml_postings counts postings with at least one mention of an AI/ML skill
-- under the current versions.
SELECT
    (SELECT count(*) FROM v_postings) AS postings,
    (SELECT coalesce(sum(sightings), 0)::BIGINT FROM v_postings) AS sightings,
    (SELECT min(month) FROM v_postings) AS first_month,
    (SELECT max(month) FROM v_postings) AS last_month,
    (SELECT count(*) FROM v_skill_mentions) AS mentions,
    (
        SELECT count(DISTINCT ps.posting_id)
        FROM v_posting_skills AS ps
        JOIN v_skills AS s USING (skill_id)
        JOIN v_postings AS p USING (posting_id)
        WHERE s.is_ai_ml
    ) AS ai_ml_postings,
    (SELECT taxonomy_version FROM v_current_versions) AS taxonomy_version,
    (SELECT extractor_version FROM v_current_versions) AS extractor_version
