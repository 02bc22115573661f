-- The numbers of the report's `core_demand_yearly` with its defaults (no filters).
CREATE OR REPLACE VIEW v_core_demand_yearly AS SELECT * FROM core_demand_yearly();
