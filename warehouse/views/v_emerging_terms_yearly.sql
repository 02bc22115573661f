-- The numbers of the report's `emerging_terms_yearly` with its defaults (no filters).
CREATE OR REPLACE VIEW v_emerging_terms_yearly AS SELECT * FROM emerging_terms_yearly();
