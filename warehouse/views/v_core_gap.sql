-- The numbers of the report's `core_gap` with its defaults (no filters, the latest year).
CREATE OR REPLACE VIEW v_core_gap AS SELECT * FROM core_gap();
