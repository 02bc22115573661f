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
