-- The numbers of the report's `share_by_period` per year, with its other defaults.
CREATE OR REPLACE VIEW v_skill_share_yearly AS SELECT * FROM share_by_period(period := 'year');
