-- The numbers of the report's `skill_growth` with its defaults (no filters).
CREATE OR REPLACE VIEW v_skill_growth AS SELECT * FROM skill_growth();
