-- taxonomy_skills of the current taxonomy version.
CREATE OR REPLACE VIEW v_skills AS
SELECT s.*
FROM taxonomy_skills AS s
JOIN v_current_versions AS v USING (taxonomy_version);
