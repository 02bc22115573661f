-- The numbers of the report's `programme_fit` with its defaults (no filters, the latest year).
CREATE OR REPLACE VIEW v_programme_fit AS SELECT * FROM programme_fit();
