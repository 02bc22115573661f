-- The ML frameworks of the taxonomy (category ml_framework in the deep-learning and
-- machine-learning clusters) asked for in at least $min_base filtered postings, most first.
-- Params: the filters, $min_base.
SELECT d.skill_id, any_value(d.skill) AS skill, count(DISTINCT d.posting_id) AS postings
FROM v_posting_demand AS d
JOIN report_postings(since := $since, until := $until, countries := $countries, sources := $sources,
    title_pattern := $title_pattern) AS b USING (posting_id)
WHERE d.category = 'ml_framework' AND d.cluster IN ('deep_learning', 'machine_learning')
GROUP BY d.skill_id
HAVING count(DISTINCT d.posting_id) >= $min_base
ORDER BY postings DESC, d.skill_id
