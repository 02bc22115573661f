-- The skills whose share grew most from the first to the last year with at least
-- $min_postings postings, asked for in at least $min_base postings of the last year, with the
-- first year each reached $threshold of postings (NULL if never). Params: the filters,
-- $min_postings, $min_base, $threshold, $limit.
WITH
yearly AS (
    SELECT item_id, period_start, share
    FROM share_by_period(since := $since, until := $until, countries := $countries, sources := $sources,
        title_pattern := $title_pattern,
        period := 'year', min_postings := $min_postings)
    WHERE item_kind = 'skill' AND NOT suppressed
),
reached AS (
    SELECT item_id, min(year(period_start))::BIGINT AS first_year_at_threshold
    FROM yearly
    WHERE share >= $threshold
    GROUP BY item_id
)
SELECT c.*, r.first_year_at_threshold
FROM skill_change_long_run(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern,
    min_postings := $min_postings) AS c
LEFT JOIN reached AS r USING (item_id)
WHERE c.item_kind = 'skill' AND c.late_postings >= $min_base
ORDER BY c.change_pp DESC, c.item_id
LIMIT $limit
