-- The numbers of the report's `skill_growth_yoy` with its defaults (no filters).
CREATE OR REPLACE VIEW v_skill_growth_yoy AS SELECT * FROM skill_growth_yoy();
