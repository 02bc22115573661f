-- Every programme's fit to technician core-skill demand, best first, with its rank within its
-- kind. Params: the filters.
SELECT
    *,
    rank() OVER (PARTITION BY kind ORDER BY fit DESC NULLS LAST) AS rank_in_kind
FROM programme_fit(since := $since, until := $until, countries := $countries,
    sources := $sources, title_pattern := $title_pattern)
ORDER BY fit DESC NULLS LAST, name, curriculum_id
