-- The numbers of the report's `share_monthly` with its defaults (no filters).
CREATE OR REPLACE VIEW v_skill_share_monthly AS SELECT * FROM share_monthly();
