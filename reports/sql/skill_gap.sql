-- Skills asked for in at least $min_base AI/ML technician postings of the latest year, largest
-- gap first. Params: the filters, $min_base.
SELECT *
FROM skill_gap(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern)
WHERE demand_postings >= $min_base
ORDER BY gap_score DESC NULLS LAST, demand_share DESC, skill, skill_id
