-- The run ledger per source, what the checks after each run found, and views over both.
-- A run's own row in `runs` keeps its overall status; `v_runs` adds what a scheduler wants
-- to see at a glance: whether some source failed, and how many anomalies were flagged.

ALTER TABLE runs ADD COLUMN postings_tagged BIGINT;
ALTER TABLE runs ADD COLUMN mentions_stored BIGINT;

-- One row per input of a run. An input that completed but lost some of its boards (a
-- connector goes on past a failing board) is 'completed' with an error, and counts as failed
-- in v_runs.
CREATE TABLE run_sources (
    run_id           VARCHAR NOT NULL,
    input_no         INTEGER NOT NULL,
    source           VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,
    status           VARCHAR NOT NULL CHECK (status IN ('completed', 'failed')),
    finished_at      TIMESTAMPTZ NOT NULL,
    fetched          BIGINT NOT NULL DEFAULT 0,
    quarantined      BIGINT NOT NULL DEFAULT 0,
    sightings_new    BIGINT NOT NULL DEFAULT 0,
    postings_new     BIGINT NOT NULL DEFAULT 0,
    postings_changed BIGINT NOT NULL DEFAULT 0,
    duplicates       BIGINT NOT NULL DEFAULT 0,
    error            VARCHAR,
    PRIMARY KEY (run_id, input_no)
);

CREATE TABLE anomalies (
    run_id        VARCHAR NOT NULL,
    check_name    VARCHAR NOT NULL
        CHECK (check_name IN ('volume_drop', 'no_skill_share', 'skill_share', 'quarantine_rate')),
    subject       VARCHAR NOT NULL,
    observed      DOUBLE NOT NULL,
    expected_low  DOUBLE,
    expected_high DOUBLE,
    message       VARCHAR NOT NULL,
    detected_at   TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (run_id, check_name, subject)
);

CREATE VIEW v_anomalies AS
SELECT a.run_id, r.started_at AS run_started_at, a.check_name, a.subject, a.observed,
       a.expected_low, a.expected_high, a.message, a.detected_at
FROM anomalies AS a
JOIN runs AS r USING (run_id);

CREATE VIEW v_runs AS
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
