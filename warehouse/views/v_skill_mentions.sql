-- skill_mentions of the current versions (v_current_versions).
CREATE OR REPLACE VIEW v_skill_mentions AS
SELECT m.*
FROM skill_mentions AS m
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version);
