-- The numbers of the report's `skill_cooccurrence` with its defaults (no filters).
CREATE OR REPLACE VIEW v_skill_cooccurrence AS SELECT * FROM skill_cooccurrence();
