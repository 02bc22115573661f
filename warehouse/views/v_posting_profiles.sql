-- posting_profiles of the current versions.
CREATE OR REPLACE VIEW v_posting_profiles AS
SELECT p.*
FROM posting_profiles AS p
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version);
