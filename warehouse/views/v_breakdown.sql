-- The numbers of the report's `breakdown` with its defaults (no filters).
CREATE OR REPLACE VIEW v_breakdown AS SELECT * FROM breakdown();
