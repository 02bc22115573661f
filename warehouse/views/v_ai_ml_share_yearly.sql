-- The numbers of the report's `ai_ml_share_by_period` per year, with its other defaults.
CREATE OR REPLACE VIEW v_ai_ml_share_yearly AS
SELECT * FROM ai_ml_share_by_period(period := 'year');
