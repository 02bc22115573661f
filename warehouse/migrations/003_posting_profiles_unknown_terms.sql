-- Posting-level results of tagging, and candidate skill terms the taxonomy does not know.

CREATE TABLE posting_profiles (
    posting_id        VARCHAR NOT NULL,
    is_ai_ml_role     BOOLEAN NOT NULL,
    title_says_ai_ml  BOOLEAN NOT NULL,
    ai_ml_skills      INTEGER NOT NULL,
    clusters          VARCHAR[] NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (posting_id, taxonomy_version, extractor_version)
);

CREATE TABLE unknown_terms (
    posting_id        VARCHAR NOT NULL,
    term              VARCHAR NOT NULL,
    text              VARCHAR NOT NULL,
    "start"           INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (posting_id, "start", taxonomy_version, extractor_version)
);

CREATE VIEW v_posting_profiles AS
SELECT p.*
FROM posting_profiles AS p
JOIN v_current_versions AS v USING (taxonomy_version, extractor_version);

-- Unknown terms with how many postings use them and when, for the emerging-terms view.
CREATE VIEW v_unknown_terms AS
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
