-- Unknown terms with how many postings use them and when, for the emerging-terms view.
CREATE OR REPLACE VIEW v_unknown_terms AS
SELECT
    u.term,
    mode(u.text) AS example,
    count(DISTINCT u.posting_id) AS postings,
    count(*) AS mentions,
    min(p.month) AS first_month,
    max(p.month) AS last_month
FROM unknown_terms AS u
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version)
JOIN v_postings AS p USING (posting_id)
GROUP BY u.term;
