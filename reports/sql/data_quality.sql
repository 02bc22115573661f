-- What went in and what was set aside, over the whole warehouse: one row. Params: none.
SELECT
    (SELECT count(*) FROM raw_postings) AS raw_sightings,
    (SELECT count(*) FROM postings) AS postings,
    (SELECT count(*) FROM quarantine) AS quarantined,
    (SELECT count(*) FROM curricula) AS curricula,
    (SELECT count(*) FROM runs WHERE status = 'completed') AS completed_runs,
    (SELECT count(*) FROM runs WHERE status = 'failed') AS failed_runs
