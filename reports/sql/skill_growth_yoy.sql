-- Year-over-year change for skills in at least $min_base postings of either window.
-- Params: the filters, $min_base, $limit.
SELECT *
FROM skill_growth_yoy(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
WHERE recent_postings >= $min_base OR year_ago_postings >= $min_base
ORDER BY change_pp DESC, skill, skill_id
LIMIT $limit
