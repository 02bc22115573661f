-- The postings the report counts: v_posting_facts under the report's filters, which every
-- report macro takes: since, until (months, inclusive), countries, sources (lists) and
-- title_pattern (a case-insensitive regular expression); NULL means no filter.
CREATE OR REPLACE MACRO report_postings(
    since := NULL, until := NULL, countries := NULL, sources := NULL, title_pattern := NULL
) AS TABLE
SELECT *
FROM v_posting_facts
WHERE (since IS NULL OR month >= since)
  AND (until IS NULL OR month <= until)
  AND (countries IS NULL OR list_contains(countries, country))
  AND (sources IS NULL OR list_contains(sources, source))
  AND (title_pattern IS NULL OR regexp_matches(coalesce(title, ''), title_pattern, 'i'));
