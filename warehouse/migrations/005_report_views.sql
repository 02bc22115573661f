-- Training programmes (the supply side of the skill gap) and the report's numbers as views.
--
-- Every chart of the report reads one table macro below, called with the report's filters;
-- each macro also has a view (its defaults, no filters), so a researcher gets the report's
-- numbers with plain SQL: SELECT * FROM v_skill_share_monthly, or
-- SELECT * FROM share_monthly(since := DATE '2026-02-01', sources := ['hn']).
-- Filters shared by the macros: since, until (months, inclusive), countries, sources (lists)
-- and title_pattern (a case-insensitive regular expression); NULL means no filter.

CREATE TABLE curricula (
    curriculum_id VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    provider      VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL
        CHECK (kind IN ('degree', 'bootcamp', 'certificate', 'mooc', 'course', 'other')),
    description   VARCHAR NOT NULL,
    url           VARCHAR,
    content_hash  VARCHAR NOT NULL,
    origin        VARCHAR NOT NULL,
    imported_at   TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

-- Skills found in a programme's description, by the same extractor as postings.
CREATE TABLE curriculum_mentions (
    curriculum_id     VARCHAR NOT NULL,
    skill_id          VARCHAR NOT NULL,
    skill             VARCHAR NOT NULL,
    "start"           INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    requirement       VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (curriculum_id, "start", "end", skill_id, taxonomy_version, extractor_version)
);

-- Which programme text was tagged under which versions (also when nothing was found).
CREATE TABLE curriculum_tags (
    curriculum_id     VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    mentions          INTEGER NOT NULL,
    tagged_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (curriculum_id, taxonomy_version, extractor_version)
);

-- 95% Wilson score interval of k successes in n trials (z = 1.959963984540054).
CREATE MACRO wilson_low(k, n) AS
    CASE WHEN n > 0 THEN
        (k / n + 3.841458820694124 / (2 * n)
         - 1.959963984540054 * sqrt(k / n * (1 - k / n) / n + 3.841458820694124 / (4 * n * n)))
        / (1 + 3.841458820694124 / n)
    END;

CREATE MACRO wilson_high(k, n) AS
    CASE WHEN n > 0 THEN
        (k / n + 3.841458820694124 / (2 * n)
         + 1.959963984540054 * sqrt(k / n * (1 - k / n) / n + 3.841458820694124 / (4 * n * n)))
        / (1 + 3.841458820694124 / n)
    END;

-- A posting's country when the source gives none: a few unambiguous place names and US
-- state codes in the free-text location. Anything else stays NULL ("unknown").
CREATE MACRO location_country(location) AS
    CASE
        WHEN location IS NULL THEN NULL
        WHEN regexp_matches(location, '\b(USA?|U\.S\.A?\.?|United States|NYC|New York|San Francisco|Bay Area|Seattle|Boston|Austin|Los Angeles|Chicago|Denver|Washington,? DC)\b', 'i')
            OR regexp_matches(location, ',\s*(AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)\b')
            THEN 'US'
        WHEN regexp_matches(location, '\b(UK|United Kingdom|England|Scotland|London|Manchester|Edinburgh)\b', 'i') THEN 'GB'
        WHEN regexp_matches(location, '\b(Canada|Toronto|Vancouver|Montreal|Montréal)\b', 'i') THEN 'CA'
        WHEN regexp_matches(location, '\b(Germany|Berlin|Munich|München|Hamburg)\b', 'i') THEN 'DE'
        WHEN regexp_matches(location, '\b(France|Paris)\b', 'i') THEN 'FR'
        WHEN regexp_matches(location, '\b(Netherlands|Amsterdam|Rotterdam)\b', 'i') THEN 'NL'
        WHEN regexp_matches(location, '\b(Ireland|Dublin)\b', 'i') THEN 'IE'
        WHEN regexp_matches(location, '\b(Italy|Milan|Rome)\b', 'i') THEN 'IT'
        WHEN regexp_matches(location, '\b(Australia|Sydney|Melbourne)\b', 'i') THEN 'AU'
    END;

-- Role family from a job title: the first rule that matches wins (case-insensitive).
CREATE MACRO title_role_family(title) AS
    CASE
        WHEN title IS NULL THEN 'other'
        WHEN regexp_matches(title, '\b(ml ?ops|llm ?ops|(ml|ai|machine learning) (platform|infra\w*))\b', 'i')
            THEN 'MLOps/platform'
        WHEN regexp_matches(title, '\b(research\w*|phd|applied scientist)\b', 'i') THEN 'research'
        WHEN regexp_matches(title, '\b(data scien\w*|data analyst\w*|analytics|statistician\w*)\b', 'i')
            THEN 'data scientist'
        WHEN regexp_matches(title, '\b(ml|ai|machine learning|deep learning|llm|nlp|computer vision|gen ?ai|artificial intelligence)\b', 'i')
            THEN 'ML/AI engineer'
        WHEN regexp_matches(title, '\b(data engineer\w*|data platform|etl|analytics engineer\w*)\b', 'i')
            THEN 'data engineer'
        WHEN regexp_matches(title, '\b(platform|infrastructure|devops|sre|site reliability)\b', 'i')
            THEN 'MLOps/platform'
        WHEN regexp_matches(title, '\b(product manager\w*|product owner\w*|designer\w*|design|ux|ui/ux)\b', 'i')
            THEN 'product/design'
        WHEN regexp_matches(title, '\b(engineer\w*|developer\w*|programmer\w*|swe|full ?stack|front ?end|back ?end|cto|architect\w*|engineering)\b', 'i')
            THEN 'software engineer'
        ELSE 'other'
    END;

-- One row per posting with what the report groups and filters by.
CREATE VIEW v_posting_facts AS
SELECT
    p.posting_id,
    p.month,
    p.source,
    p.company,
    p.title,
    p.location,
    coalesce(p.country, location_country(p.location)) AS country,
    title_role_family(p.title) AS role_family,
    coalesce(pr.is_ai_ml_role, false) AS is_ai_ml_role,
    a.posting_id IS NOT NULL AS asks_ai_ml_skill,
    p.sightings,
    p.first_seen,
    p.last_seen
FROM v_postings AS p
LEFT JOIN v_posting_profiles AS pr USING (posting_id)
LEFT JOIN (
    SELECT DISTINCT ps.posting_id
    FROM v_posting_skills AS ps
    JOIN v_skills AS s USING (skill_id)
    WHERE s.is_ai_ml AND ps.requirement <> 'not_required'
) AS a USING (posting_id);

-- One row per posting and skill it asks for: mentioned and not marked as not required.
CREATE VIEW v_posting_demand AS
SELECT ps.posting_id, ps.skill_id, s.name AS skill, s.category, s.cluster, s.is_ai_ml,
       ps.requirement
FROM v_posting_skills AS ps
JOIN v_skills AS s USING (skill_id)
WHERE ps.requirement <> 'not_required';

-- One row per programme and skill its description covers, under the current versions.
CREATE VIEW v_curriculum_skills AS
SELECT m.curriculum_id, m.skill_id, any_value(m.skill) AS skill, count(*) AS mentions
FROM curriculum_mentions AS m
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
GROUP BY m.curriculum_id, m.skill_id;

CREATE MACRO report_postings(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
SELECT *
FROM v_posting_facts
WHERE (since IS NULL OR month >= since)
  AND (until IS NULL OR month <= until)
  AND (countries IS NULL OR list_contains(countries, country))
  AND (sources IS NULL OR list_contains(sources, source))
  AND (title_pattern IS NULL OR regexp_matches(coalesce(title, ''), title_pattern, 'i'));

-- Share of each month's postings asking for each skill and each cluster, with 95% Wilson
-- bounds and a 3-month rolling share pooled over the month and the two before it. Months
-- with fewer than min_postings postings are suppressed: counts kept, shares NULL.
CREATE MACRO share_monthly(
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

-- Share of each month's postings that are AI/ML technician postings (v_posting_profiles),
-- and that ask for at least one AI/ML skill, with 95% Wilson bounds of the first.
CREATE MACRO ai_ml_share_monthly(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30
) AS TABLE
SELECT
    month,
    count(*) AS postings,
    count(*) FILTER (WHERE is_ai_ml_role) AS ai_ml_role_postings,
    count(*) FILTER (WHERE asks_ai_ml_skill) AS ai_ml_skill_postings,
    count(*) < min_postings AS suppressed,
    CASE WHEN count(*) >= min_postings THEN ai_ml_role_postings / postings END AS share,
    CASE WHEN count(*) >= min_postings THEN wilson_low(ai_ml_role_postings, postings) END
        AS ci_low,
    CASE WHEN count(*) >= min_postings THEN wilson_high(ai_ml_role_postings, postings) END
        AS ci_high,
    CASE WHEN count(*) >= min_postings THEN ai_ml_skill_postings / postings END
        AS skill_share
FROM report_postings(since := since, until := until, countries := countries,
                     sources := sources, title_pattern := title_pattern)
GROUP BY month;

-- Each skill's share of all postings and of AI/ML technician postings.
CREATE MACRO skill_demand(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id, is_ai_ml_role
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
totals AS (
    SELECT count(*) AS postings, count(*) FILTER (WHERE is_ai_ml_role) AS ai_ml_postings
    FROM base
)
SELECT
    d.skill_id,
    any_value(d.skill) AS skill,
    any_value(d.category) AS category,
    any_value(d.cluster) AS cluster,
    any_value(d.is_ai_ml) AS is_ai_ml,
    count(*) AS postings,
    count(*) FILTER (WHERE b.is_ai_ml_role) AS ai_ml_role_postings,
    any_value(t.postings) AS total_postings,
    any_value(t.ai_ml_postings) AS total_ai_ml_postings,
    count(*) / any_value(t.postings) AS share,
    CASE WHEN any_value(t.ai_ml_postings) > 0
        THEN count(*) FILTER (WHERE b.is_ai_ml_role) / any_value(t.ai_ml_postings)
    END AS share_within_ai_ml
FROM v_posting_demand AS d
JOIN base AS b USING (posting_id)
CROSS JOIN totals AS t
GROUP BY d.skill_id;

-- Change in share between the first and the last window_months reported months (months with
-- at least min_postings postings); needs 2 * window_months reported months, else no rows.
-- A skill absent from the early window is_new and has no growth_pct.
CREATE MACRO skill_growth(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    min_postings := 30, window_months := 2
) AS TABLE
WITH
base AS (
    SELECT posting_id, month
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
reported AS (
    SELECT
        month,
        count(*) AS postings,
        row_number() OVER (ORDER BY month) AS from_start,
        row_number() OVER (ORDER BY month DESC) AS from_end,
        count(*) OVER () AS n_months
    FROM base
    GROUP BY month
    HAVING count(*) >= min_postings
),
windowed AS (
    SELECT month, postings,
        CASE
            WHEN from_start <= window_months THEN 'early'
            WHEN from_end <= window_months THEN 'late'
        END AS period
    FROM reported
    WHERE n_months >= 2 * window_months
),
period_total AS (
    SELECT period, sum(postings)::BIGINT AS postings, min(month) AS first_month,
           max(month) AS last_month
    FROM windowed
    WHERE period IS NOT NULL
    GROUP BY period
),
per_skill AS (
    SELECT
        d.skill_id,
        any_value(d.skill) AS skill,
        any_value(d.cluster) AS cluster,
        count(*) FILTER (WHERE w.period = 'early') AS early_postings,
        count(*) FILTER (WHERE w.period = 'late') AS late_postings
    FROM v_posting_demand AS d
    JOIN base AS b USING (posting_id)
    JOIN windowed AS w ON w.month = b.month
    WHERE w.period IS NOT NULL
    GROUP BY d.skill_id
)
SELECT
    k.skill_id,
    k.skill,
    k.cluster,
    k.early_postings,
    e.postings AS early_total,
    k.late_postings,
    l.postings AS late_total,
    k.early_postings / e.postings AS early_share,
    k.late_postings / l.postings AS late_share,
    100 * (k.late_postings / l.postings - k.early_postings / e.postings) AS change_pp,
    CASE WHEN k.early_postings > 0
        THEN 100 * ((k.late_postings / l.postings) / (k.early_postings / e.postings) - 1)
    END AS growth_pct,
    k.early_postings = 0 AS is_new,
    e.first_month AS early_first,
    e.last_month AS early_last,
    l.first_month AS late_first,
    l.last_month AS late_last
FROM per_skill AS k
CROSS JOIN (SELECT * FROM period_total WHERE period = 'early') AS e
CROSS JOIN (SELECT * FROM period_total WHERE period = 'late') AS l;

-- Year-over-year change: the 3 months up to the latest month against the same 3 months a
-- year before. No rows unless both windows hold postings.
CREATE MACRO skill_growth_yoy(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id, month
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
latest AS (
    SELECT
        max(month) AS recent_last,
        CAST(max(month) - INTERVAL 2 MONTH AS DATE) AS recent_first,
        CAST(max(month) - INTERVAL 12 MONTH AS DATE) AS year_ago_last,
        CAST(max(month) - INTERVAL 14 MONTH AS DATE) AS year_ago_first
    FROM base
),
windowed AS (
    SELECT b.posting_id,
        CASE
            WHEN b.month BETWEEN l.recent_first AND l.recent_last THEN 'recent'
            WHEN b.month BETWEEN l.year_ago_first AND l.year_ago_last THEN 'year_ago'
        END AS period
    FROM base AS b
    CROSS JOIN latest AS l
),
totals AS (
    SELECT
        count(*) FILTER (WHERE period = 'recent') AS recent_total,
        count(*) FILTER (WHERE period = 'year_ago') AS year_ago_total
    FROM windowed
),
per_skill AS (
    SELECT
        d.skill_id,
        any_value(d.skill) AS skill,
        count(*) FILTER (WHERE w.period = 'recent') AS recent_postings,
        count(*) FILTER (WHERE w.period = 'year_ago') AS year_ago_postings
    FROM v_posting_demand AS d
    JOIN windowed AS w USING (posting_id)
    WHERE w.period IS NOT NULL
    GROUP BY d.skill_id
)
SELECT
    k.skill_id,
    k.skill,
    k.year_ago_postings,
    t.year_ago_total,
    k.recent_postings,
    t.recent_total,
    k.year_ago_postings / t.year_ago_total AS year_ago_share,
    k.recent_postings / t.recent_total AS recent_share,
    100 * (k.recent_postings / t.recent_total - k.year_ago_postings / t.year_ago_total)
        AS change_pp,
    CASE WHEN k.year_ago_postings > 0
        THEN 100 * ((k.recent_postings / t.recent_total)
                    / (k.year_ago_postings / t.year_ago_total) - 1)
    END AS growth_pct,
    k.year_ago_postings = 0 AS is_new,
    l.year_ago_first,
    l.year_ago_last,
    l.recent_first,
    l.recent_last
FROM per_skill AS k
CROSS JOIN totals AS t
CROSS JOIN latest AS l
WHERE t.recent_total > 0 AND t.year_ago_total > 0;

-- Terms the taxonomy does not know, listed beside known skills; is_new when first seen in
-- the last recent_months months of the filtered postings.
CREATE MACRO emerging_terms(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL,
    recent_months := 2
) AS TABLE
WITH
base AS (
    SELECT posting_id, month
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
latest AS (
    SELECT CAST(max(month) - to_months(recent_months - 1) AS DATE) AS recent_first FROM base
),
uses AS (
    SELECT u.term, u.text, u.posting_id, b.month
    FROM unknown_terms AS u
    JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
    JOIN base AS b USING (posting_id)
)
SELECT
    u.term,
    mode(u.text) AS example,
    count(DISTINCT u.posting_id) AS postings,
    count(DISTINCT u.posting_id) FILTER (WHERE u.month >= l.recent_first) AS recent_postings,
    min(u.month) AS first_month,
    max(u.month) AS last_month,
    min(u.month) >= any_value(l.recent_first) AS is_new
FROM uses AS u
CROSS JOIN latest AS l
GROUP BY u.term;

-- Pairs of skills asked for together in AI/ML technician postings (both orders).
CREATE MACRO skill_cooccurrence(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
    WHERE is_ai_ml_role
),
asked AS (
    SELECT d.posting_id, d.skill_id, d.skill
    FROM v_posting_demand AS d
    JOIN base USING (posting_id)
),
single AS (SELECT skill_id, count(*) AS postings FROM asked GROUP BY skill_id)
SELECT
    a.skill_id AS skill_a,
    any_value(a.skill) AS skill_a_name,
    b.skill_id AS skill_b,
    any_value(b.skill) AS skill_b_name,
    count(*) AS postings_both,
    any_value(sa.postings) AS postings_a,
    any_value(sb.postings) AS postings_b,
    any_value(n.ai_ml_postings) AS ai_ml_postings
FROM asked AS a
JOIN asked AS b ON a.posting_id = b.posting_id AND a.skill_id <> b.skill_id
JOIN single AS sa ON sa.skill_id = a.skill_id
JOIN single AS sb ON sb.skill_id = b.skill_id
CROSS JOIN (SELECT count(*) AS ai_ml_postings FROM base) AS n
GROUP BY a.skill_id, b.skill_id;

-- Postings and AI/ML technician postings per country, source, company and role family.
CREATE MACRO breakdown(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT *
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
),
keyed AS (
    SELECT 'country' AS dimension, coalesce(country, 'unknown') AS value, is_ai_ml_role
    FROM base
    UNION ALL
    SELECT 'source', source, is_ai_ml_role FROM base
    UNION ALL
    SELECT 'company', coalesce(nullif(trim(company), ''), 'unknown'), is_ai_ml_role FROM base
    UNION ALL
    SELECT 'role_family', role_family, is_ai_ml_role FROM base
)
SELECT
    dimension,
    value,
    count(*) AS postings,
    count(*) FILTER (WHERE is_ai_ml_role) AS ai_ml_role_postings,
    ai_ml_role_postings / postings AS ai_ml_share,
    wilson_low(ai_ml_role_postings, postings) AS ci_low,
    wilson_high(ai_ml_role_postings, postings) AS ci_high
FROM keyed
GROUP BY dimension, value;

-- Demand (share of AI/ML technician postings asking for a skill) against supply (share of
-- programmes tagged under the current versions that cover it). The gap score is
-- demand_share * (1 - min(1, coverage / demand_share)): the part of demand not matched.
CREATE MACRO skill_gap(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
WITH
base AS (
    SELECT posting_id
    FROM report_postings(since := since, until := until, countries := countries,
                         sources := sources, title_pattern := title_pattern)
    WHERE is_ai_ml_role
),
demand AS (
    SELECT d.skill_id, any_value(d.skill) AS skill, any_value(d.cluster) AS cluster,
           any_value(d.is_ai_ml) AS is_ai_ml, count(*) AS demand_postings
    FROM v_posting_demand AS d
    JOIN base USING (posting_id)
    GROUP BY d.skill_id
),
programmes AS (
    SELECT t.curriculum_id
    FROM curriculum_tags AS t
    JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
),
supply AS (
    SELECT s.skill_id, count(*) AS curricula
    FROM v_curriculum_skills AS s
    JOIN programmes USING (curriculum_id)
    GROUP BY s.skill_id
)
SELECT
    d.skill_id,
    d.skill,
    d.cluster,
    d.is_ai_ml,
    d.demand_postings,
    n.demand_total,
    d.demand_postings / n.demand_total AS demand_share,
    coalesce(s.curricula, 0) AS curricula_covering,
    n.curricula_total,
    CASE WHEN n.curricula_total > 0 THEN curricula_covering / n.curricula_total END AS coverage,
    CASE WHEN n.curricula_total > 0
        THEN demand_share * (1 - least(1, coverage / demand_share))
    END AS gap_score
FROM demand AS d
CROSS JOIN (
    SELECT (SELECT count(*) FROM base) AS demand_total,
           (SELECT count(*) FROM programmes) AS curricula_total
) AS n
LEFT JOIN supply AS s USING (skill_id);

CREATE VIEW v_skill_share_monthly AS SELECT * FROM share_monthly();
CREATE VIEW v_ai_ml_share_monthly AS SELECT * FROM ai_ml_share_monthly();
CREATE VIEW v_skill_demand AS SELECT * FROM skill_demand();
CREATE VIEW v_skill_growth AS SELECT * FROM skill_growth();
CREATE VIEW v_skill_growth_yoy AS SELECT * FROM skill_growth_yoy();
CREATE VIEW v_emerging_terms AS SELECT * FROM emerging_terms();
CREATE VIEW v_skill_cooccurrence AS SELECT * FROM skill_cooccurrence();
CREATE VIEW v_breakdown AS SELECT * FROM breakdown();
CREATE VIEW v_skill_gap AS SELECT * FROM skill_gap();
