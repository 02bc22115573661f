-- The skills asked for in the most postings ($within = 'all') or the most AI/ML technician
-- postings ($within = 'ai_ml'). Params: the filters, $within, $top_n. Ties by name.
SELECT *
FROM skill_demand(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
WHERE $within = 'all' OR ai_ml_role_postings > 0
ORDER BY
    CASE WHEN $within = 'all' THEN postings ELSE ai_ml_role_postings END DESC,
    skill,
    skill_id
LIMIT $top_n
