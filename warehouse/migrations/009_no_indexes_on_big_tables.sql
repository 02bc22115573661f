-- The big tables lose their primary keys and secondary indexes.
--
-- DuckDB keeps each index whole in memory, outside the memory_limit's reach for spilling:
-- at a million postings the keys of skill_mentions alone (8M rows of six columns) outgrew a
-- 1 GB cap and stopped a tagging run. Loads never relied on them: sightings, postings,
-- mentions, profiles, unknown terms and tag records are written by anti-joins or by deleting
-- a posting's rows under the same versions first (warehouse.load), and tests check those
-- stay unique. Joins and filters do not use ART indexes, so queries lose nothing. Each table
-- is rebuilt with its columns, NOT NULL and CHECK constraints, and its rows.

CREATE TABLE raw_postings_009 (
    source       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    seen_at      TIMESTAMPTZ NOT NULL,
    content_hash VARCHAR NOT NULL,
    posting_id   VARCHAR NOT NULL,
    origin       VARCHAR NOT NULL,
    raw          VARCHAR NOT NULL,
    run_id       VARCHAR,
    loaded_at    TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
INSERT INTO raw_postings_009 BY NAME SELECT * FROM raw_postings;
DROP TABLE raw_postings;
ALTER TABLE raw_postings_009 RENAME TO raw_postings;

CREATE TABLE skill_mentions_009 (
    posting_id        VARCHAR NOT NULL,
    skill_id          VARCHAR NOT NULL,
    skill             VARCHAR NOT NULL,
    "start"           INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    requirement       VARCHAR NOT NULL
        CHECK (requirement IN ('required', 'preferred', 'not_required', 'unknown')),
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);
INSERT INTO skill_mentions_009 BY NAME SELECT * FROM skill_mentions;
DROP TABLE skill_mentions;
ALTER TABLE skill_mentions_009 RENAME TO skill_mentions;

CREATE TABLE posting_tags_009 (
    posting_id        VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    mentions          INTEGER NOT NULL,
    tagged_at         TIMESTAMPTZ NOT NULL,
    run_id            VARCHAR
);
INSERT INTO posting_tags_009 BY NAME SELECT * FROM posting_tags;
DROP TABLE posting_tags;
ALTER TABLE posting_tags_009 RENAME TO posting_tags;

CREATE TABLE posting_profiles_009 (
    posting_id        VARCHAR NOT NULL,
    is_ai_ml_role     BOOLEAN NOT NULL,
    title_says_ai_ml  BOOLEAN NOT NULL,
    ai_ml_skills      INTEGER NOT NULL,
    clusters          VARCHAR[] NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);
INSERT INTO posting_profiles_009 BY NAME SELECT * FROM posting_profiles;
DROP TABLE posting_profiles;
ALTER TABLE posting_profiles_009 RENAME TO posting_profiles;

CREATE TABLE unknown_terms_009 (
    posting_id        VARCHAR NOT NULL,
    term              VARCHAR NOT NULL,
    text              VARCHAR NOT NULL,
    "start"           INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);
INSERT INTO unknown_terms_009 BY NAME SELECT * FROM unknown_terms;
DROP TABLE unknown_terms;
ALTER TABLE unknown_terms_009 RENAME TO unknown_terms;

DROP INDEX postings_content_hash;
DROP INDEX postings_canonical_url;
