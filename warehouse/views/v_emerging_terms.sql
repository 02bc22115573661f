-- The numbers of the report's `emerging_terms` with its defaults (no filters).
CREATE OR REPLACE VIEW v_emerging_terms AS SELECT * FROM emerging_terms();
