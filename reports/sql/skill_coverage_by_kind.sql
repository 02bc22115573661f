-- Per skill taught by any programme and per programme kind, most widely taught skills first.
-- Params: none.
SELECT *
FROM v_skill_coverage_by_kind
ORDER BY sum(programmes_teaching) OVER (PARTITION BY skill_id) DESC, skill, skill_id, kind
