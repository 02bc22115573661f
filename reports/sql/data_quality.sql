-- What went in and what was set aside: one row. Params: none.
SELECT
    (SELECT count(*) FROM raw_postings) AS raw_sightings,
    (SELECT count(*) FROM quarantine) AS quarantined,
    (SELECT count(*) FROM runs WHERE status = 'completed') AS completed_runs,
    (SELECT count(*) FROM runs WHERE status = 'failed') AS failed_runs
