-- The versions the last completed tagging run used. The v_* views read only mentions of
-- these, so a half-finished re-tag under new versions is never what a reader sees.
CREATE OR REPLACE VIEW v_current_versions AS
SELECT taxonomy_version, extractor_version
FROM runs
WHERE status = 'completed' AND taxonomy_version IS NOT NULL
ORDER BY finished_at DESC
LIMIT 1;
