-- Each core skill with the taxonomy skills that name it (their names under the current
-- taxonomy, else their ids), in the core list's order. Params: none.
SELECT
    k.item_id,
    any_value(k.item) AS item,
    min(k.position) AS position,
    list(k.skill_id ORDER BY k.skill_id) AS skill_ids,
    list(coalesce(s.name, k.skill_id) ORDER BY coalesce(s.name, k.skill_id)) AS skill_names
FROM core_skills AS k
LEFT JOIN v_skills AS s USING (skill_id)
GROUP BY k.item_id
ORDER BY position
