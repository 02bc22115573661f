-- The run ledger per source and what the checks after each run found. A run's own row in
-- `runs` keeps its overall status; the views over both (v_runs, v_anomalies) are in
-- warehouse/views/.

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
