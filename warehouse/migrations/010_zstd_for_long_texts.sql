-- The long texts (a sighting's raw payload, a posting's description) are stored with ZSTD.
--
-- DuckDB's default choice for text, dictionary and FSST, spent most of a load's closing
-- checkpoint choosing and compressing: for 100,000 postings 2.4 s, against 1.0 s with ZSTD,
-- and the file was 140 MB against 59 MB with ZSTD. Reading the texts back takes as long.
-- Both tables are rebuilt with their columns in the same order, their constraints and rows.

CREATE TABLE raw_postings_010 (
    source       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    seen_at      TIMESTAMPTZ NOT NULL,
    content_hash VARCHAR NOT NULL,
    posting_id   VARCHAR NOT NULL,
    origin       VARCHAR NOT NULL,
    raw          VARCHAR USING COMPRESSION zstd NOT NULL,
    run_id       VARCHAR,
    loaded_at    TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
INSERT INTO raw_postings_010 BY NAME SELECT * FROM raw_postings;
DROP TABLE raw_postings;
ALTER TABLE raw_postings_010 RENAME TO raw_postings;

CREATE TABLE postings_010 (
    posting_id      VARCHAR PRIMARY KEY,
    source          VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    content_hash    VARCHAR NOT NULL,
    title           VARCHAR,
    company         VARCHAR,
    location        VARCHAR,
    remote          BOOLEAN,
    description     VARCHAR USING COMPRESSION zstd NOT NULL,
    url             VARCHAR,
    posted_at       TIMESTAMPTZ,
    first_seen      TIMESTAMPTZ NOT NULL,
    last_seen       TIMESTAMPTZ NOT NULL,
    sightings       INTEGER NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    city            VARCHAR,
    region          VARCHAR,
    country         VARCHAR,
    salary_min      DOUBLE,
    salary_max      DOUBLE,
    salary_currency VARCHAR,
    salary_period   VARCHAR,
    employment_type VARCHAR,
    canonical_url   VARCHAR,
    valid_through   TIMESTAMPTZ,
    closed_at       TIMESTAMPTZ
);
INSERT INTO postings_010 BY NAME SELECT * FROM postings;
DROP TABLE postings;
ALTER TABLE postings_010 RENAME TO postings;
