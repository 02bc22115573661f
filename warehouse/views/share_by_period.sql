-- Share of each period's postings asking for each skill and each cluster, with 95% Wilson
-- bounds, per month, quarter or year (period). Only periods holding postings have rows;
-- periods with fewer than min_postings postings are suppressed: counts kept, shares NULL.
-- A run is a stretch of consecutive periods with postings: a period without any ends it.
-- The rolling share pools the period with up to two before it in the same run, never across
-- a period without postings. skill_ids and cluster_ids (lists) keep only those items; NULL
-- keeps every skill, or every cluster.
CREATE OR REPLACE MACRO share_by_period(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    period := 'month', min_postings := 30, skill_ids := NULL, cluster_ids := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id, month, period_start(period, month) AS period_start
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
period_total AS (
    SELECT period_start, count(*) AS postings, count(DISTINCT month) AS months,
           min(month) AS first_month, max(month) AS last_month
    FROM base
    GROUP BY period_start
),
stepped AS (
    SELECT *,
        lag(period_start) OVER (ORDER BY period_start) AS previous_start,
        CASE period WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END AS step_months
    FROM period_total
),
periods AS (
    SELECT period_start, postings, months, first_month, last_month,
        sum(CASE WHEN previous_start IS NULL
                   OR previous_start + to_months(step_months) <> period_start
            THEN 1 ELSE 0 END) OVER (ORDER BY period_start) AS run
    FROM stepped
),
items AS (
    SELECT posting_id, 'skill' AS item_kind, skill_id AS item_id
    FROM v_posting_demand
    WHERE skill_ids IS NULL OR list_contains(skill_ids, skill_id)
    UNION ALL
    SELECT DISTINCT posting_id, 'cluster', cluster
    FROM v_posting_demand
    WHERE cluster IS NOT NULL AND (cluster_ids IS NULL OR list_contains(cluster_ids, cluster))
),
hits AS MATERIALIZED (
    SELECT b.period_start, i.item_kind, i.item_id, count(*) AS postings
    FROM items AS i
    JOIN base AS b USING (posting_id)
    GROUP BY b.period_start, i.item_kind, i.item_id
),
-- Names are looked up once per item, not carried through a million rows.
grid AS (
    SELECT DISTINCT
        h.item_kind,
        h.item_id,
        CASE h.item_kind
            WHEN 'skill' THEN s.name
            ELSE 'cluster: ' || replace(h.item_id, '_', ' ')
        END AS item
    FROM hits AS h
    LEFT JOIN v_skills AS s ON h.item_kind = 'skill' AND s.skill_id = h.item_id
),
cells AS (
    SELECT g.item_kind, g.item_id, g.item, p.period_start, p.first_month, p.last_month,
           p.months, p.run, coalesce(h.postings, 0) AS k, p.postings AS n
    FROM grid AS g
    CROSS JOIN periods AS p
    LEFT JOIN hits AS h
        ON h.item_kind = g.item_kind AND h.item_id = g.item_id
       AND h.period_start = p.period_start
),
rolled AS (
    SELECT *,
        sum(k) OVER w AS rolling_k,
        sum(n) OVER w AS rolling_n
    FROM cells
    WINDOW w AS (
        PARTITION BY item_kind, item_id, run ORDER BY period_start
        ROWS BETWEEN 2 PRECEDING AND CURRENT ROW
    )
)
SELECT
    item_kind,
    item_id,
    item,
    period_start,
    period_label(period, period_start) AS period_label,
    first_month,
    last_month,
    months::BIGINT AS months,
    run::BIGINT AS run,
    k AS postings_with_item,
    n AS postings_in_period,
    n < min_postings AS suppressed,
    CASE WHEN n >= min_postings THEN k / n END AS share,
    CASE WHEN n >= min_postings THEN wilson_low(k, n) END AS ci_low,
    CASE WHEN n >= min_postings THEN wilson_high(k, n) END AS ci_high,
    rolling_k::BIGINT AS rolling_postings_with_item,
    rolling_n::BIGINT AS rolling_postings,
    CASE WHEN n >= min_postings THEN rolling_k / rolling_n END AS rolling_share
FROM rolled;
