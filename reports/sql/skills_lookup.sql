-- Skills of the current taxonomy whose id or name matches one of $keys (lower case).
-- Params: $keys.
SELECT skill_id, name, lower(skill_id) AS id_key, lower(name) AS name_key
FROM v_skills
WHERE list_contains($keys, lower(skill_id)) OR list_contains($keys, lower(name))
ORDER BY skill_id
