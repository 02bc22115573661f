-- The numbers of the report's `skill_demand` with its defaults (no filters).
CREATE OR REPLACE VIEW v_skill_demand AS SELECT * FROM skill_demand();
