-- Share of each month's postings asking for each skill and each cluster, with 95% Wilson
-- bounds and a 3-month rolling share pooled over the month and the two before it. Months
-- with fewer than min_postings postings are suppressed: counts kept, shares NULL.
CREATE OR REPLACE MACRO share_monthly(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30
) AS TABLE
WITH
base AS (
    SELECT posting_id, month
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
month_total AS (SELECT month, count(*) AS postings FROM base GROUP BY month),
items AS (
    SELECT posting_id, 'skill' AS item_kind, skill_id AS item_id, skill AS item
    FROM v_posting_demand
    UNION ALL
    SELECT DISTINCT posting_id, 'cluster', cluster, 'cluster: ' || replace(cluster, '_', ' ')
    FROM v_posting_demand
    WHERE cluster IS NOT NULL
),
hits AS (
    SELECT b.month, i.item_kind, i.item_id, any_value(i.item) AS item, count(*) AS postings
    FROM items AS i
    JOIN base AS b USING (posting_id)
    GROUP BY b.month, i.item_kind, i.item_id
),
grid AS (
    SELECT item_kind, item_id, any_value(item) AS item FROM hits GROUP BY item_kind, item_id
),
cells AS (
    SELECT g.item_kind, g.item_id, g.item, m.month,
           coalesce(h.postings, 0) AS k, m.postings AS n
    FROM grid AS g
    CROSS JOIN month_total AS m
    LEFT JOIN hits AS h
        ON h.item_kind = g.item_kind AND h.item_id = g.item_id AND h.month = m.month
),
rolled AS (
    SELECT *,
        sum(k) OVER w AS rolling_k,
        sum(n) OVER w AS rolling_n
    FROM cells
    WINDOW w AS (
        PARTITION BY item_kind, item_id ORDER BY month
        RANGE BETWEEN INTERVAL 2 MONTH PRECEDING AND CURRENT ROW
    )
)
SELECT
    item_kind,
    item_id,
    item,
    month,
    k AS postings_with_item,
    n AS postings_in_month,
    n < min_postings AS suppressed,
    CASE WHEN n >= min_postings THEN k / n END AS share,
    CASE WHEN n >= min_postings THEN wilson_low(k, n) END AS ci_low,
    CASE WHEN n >= min_postings THEN wilson_high(k, n) END AS ci_high,
    rolling_k::BIGINT AS rolling_postings_with_item,
    rolling_n::BIGINT AS rolling_postings,
    CASE WHEN n >= min_postings THEN rolling_k / rolling_n END AS rolling_share
FROM rolled;
