-- Pairs among the given skills asked for together in AI/ML technician postings.
-- Params: the filters, $skill_ids.
SELECT *
FROM skill_cooccurrence(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
WHERE list_contains($skill_ids, skill_a) AND list_contains($skill_ids, skill_b)
ORDER BY skill_a, skill_b
