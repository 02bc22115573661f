-- Per programme: the share of technician core-skill demand it covers, weighting each core
-- item by its demand share (core_gap): sum of the demand shares of the items it teaches over
-- the sum for all items. Also the items it teaches and those it misses, most asked for first.
CREATE OR REPLACE MACRO programme_fit(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    demand_year := NULL
) AS TABLE
WITH
gap AS (
    SELECT item_id, item, position, demand_share
    FROM core_gap(since := since, until := until, countries := countries, sources := sources,
                  title_pattern := title_pattern, demand_year := demand_year)
),
weight AS (
    SELECT sum(demand_share) AS total FROM gap
)
SELECT
    c.curriculum_id,
    c.name,
    c.provider,
    c.kind,
    CASE WHEN w.total > 0
        THEN coalesce(sum(g.demand_share) FILTER (WHERE c.taught), 0) / w.total
    END AS fit,
    count(*) FILTER (WHERE c.taught) AS items_taught,
    count(*) AS items,
    coalesce(list(g.item ORDER BY g.demand_share DESC, g.position) FILTER (WHERE NOT c.taught),
             []) AS missing
FROM v_programme_core_coverage AS c
JOIN gap AS g USING (item_id)
CROSS JOIN weight AS w
GROUP BY c.curriculum_id, c.name, c.provider, c.kind, w.total;
