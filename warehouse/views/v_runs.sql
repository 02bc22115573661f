-- A run as a scheduler wants to see it at a glance: whether some source failed ('completed
-- with failures' when the run completed but an input failed or lost boards), and how many
-- anomalies the checks flagged.
CREATE OR REPLACE VIEW v_runs AS
SELECT
    r.run_id, r.flow, r.started_at, r.finished_at, r.status,
    CASE
        WHEN r.status = 'completed' AND coalesce(s.sources_failed, 0) > 0
            THEN 'completed with failures'
        ELSE r.status
    END AS outcome,
    coalesce(s.sources, 0) AS sources,
    coalesce(s.sources_failed, 0) AS sources_failed,
    coalesce(s.fetched, 0) AS fetched,
    coalesce(s.postings_new, 0) AS postings_new,
    coalesce(s.duplicates, 0) AS duplicates,
    coalesce(s.quarantined, 0) AS quarantined,
    r.postings_tagged,
    coalesce(a.anomalies, 0) AS anomalies,
    r.taxonomy_version, r.extractor_version, r.message
FROM runs AS r
LEFT JOIN (
    SELECT run_id, count(*) AS sources,
           count(*) FILTER (WHERE status = 'failed' OR error IS NOT NULL) AS sources_failed,
           sum(fetched) AS fetched, sum(postings_new) AS postings_new,
           sum(duplicates) AS duplicates, sum(quarantined) AS quarantined
    FROM run_sources GROUP BY run_id
) AS s USING (run_id)
LEFT JOIN (SELECT run_id, count(*) AS anomalies FROM anomalies GROUP BY run_id) AS a
    USING (run_id);
