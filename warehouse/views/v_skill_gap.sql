-- The numbers of the report's `skill_gap` with its defaults (no filters).
CREATE OR REPLACE VIEW v_skill_gap AS SELECT * FROM skill_gap();
