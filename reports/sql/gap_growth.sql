-- Demand growth against curriculum coverage for the skills of the gap chart.
-- Params: the filters, $min_base, $min_postings, $window_months.
SELECT
    g.skill_id, g.skill, g.demand_share, g.coverage, g.gap_score,
    w.change_pp, w.growth_pct, w.is_new, w.early_first, w.late_last
FROM skill_gap(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern) AS g
JOIN skill_growth(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings, window_months := $window_months) AS w USING (skill_id)
WHERE g.demand_postings >= $min_base
ORDER BY g.gap_score DESC NULLS LAST, g.skill, g.skill_id
