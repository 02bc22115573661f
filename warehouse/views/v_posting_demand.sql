-- One row per posting and skill it asks for: mentioned and not marked as not required.
CREATE OR REPLACE VIEW v_posting_demand AS
SELECT ps.posting_id, ps.skill_id, s.name AS skill, s.category, s.cluster, s.is_ai_ml,
       ps.requirement
FROM v_posting_skills AS ps
JOIN v_skills AS s USING (skill_id)
WHERE ps.requirement <> 'not_required';
