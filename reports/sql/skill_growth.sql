-- Emerging skills: change in share from the first to the last $window_months reported months,
-- for skills in at least $min_base postings of the late window; largest rise first.
-- Params: the filters, $min_postings, $window_months, $min_base, $limit.
SELECT *
FROM skill_growth(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings, window_months := $window_months)
WHERE late_postings >= $min_base
ORDER BY change_pp DESC, skill, skill_id
LIMIT $limit
