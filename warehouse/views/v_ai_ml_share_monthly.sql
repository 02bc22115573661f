-- The numbers of the report's `ai_ml_share_monthly` with its defaults (no filters).
CREATE OR REPLACE VIEW v_ai_ml_share_monthly AS SELECT * FROM ai_ml_share_monthly();
