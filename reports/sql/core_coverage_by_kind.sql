-- Per core skill and programme kind: programmes of the kind teaching it, of how many, and the
-- mean share of their lessons naming it. Params: none.
SELECT
    item_id,
    any_value(item) AS item,
    min(position) AS position,
    kind,
    count(*) FILTER (WHERE taught) AS programmes_teaching,
    count(*) AS programmes,
    count(*) FILTER (WHERE taught) / count(*) AS coverage,
    avg(lesson_share) AS mean_lesson_share
FROM v_programme_core_coverage
GROUP BY item_id, kind
ORDER BY position, kind
