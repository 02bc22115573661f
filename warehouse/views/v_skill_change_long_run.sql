-- The numbers of the report's `skill_change_long_run` with its defaults (no filters).
CREATE OR REPLACE VIEW v_skill_change_long_run AS SELECT * FROM skill_change_long_run();
