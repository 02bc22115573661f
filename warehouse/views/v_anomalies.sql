-- What the checks after each run flagged, with when that run started.
CREATE OR REPLACE VIEW v_anomalies AS
SELECT a.run_id, r.started_at AS run_started_at, a.check_name, a.subject, a.observed,
       a.expected_low, a.expected_high, a.message, a.detected_at
FROM anomalies AS a
JOIN runs AS r USING (run_id);
