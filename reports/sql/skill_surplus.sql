-- Skills taught far more often than AI/ML technician postings of the latest year ask for
-- them: taught by at least $min_coverage of the programmes and by at least $ratio times the
-- upper end of the demand's 95% interval. Largest surplus (coverage - demand) first.
-- Params: the filters, $min_coverage, $ratio, $limit.
SELECT *, coverage - demand_share AS surplus
FROM skill_gap(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
WHERE coverage >= $min_coverage AND coverage >= $ratio * ci_high
ORDER BY surplus DESC, skill, skill_id
LIMIT $limit
