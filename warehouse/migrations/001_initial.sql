-- The first schema: runs, raw sightings, deduplicated postings, taxonomy, mentions, quarantine.
-- Column names of raw_postings/postings, skill_mentions, taxonomy_skills and quarantine follow
-- the Arrow schemas in extract.records, nlp.records and nlp.skills; tests hold them together.

CREATE TABLE runs (
    run_id            VARCHAR PRIMARY KEY,
    flow              VARCHAR NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    taxonomy_version  VARCHAR,
    extractor_version VARCHAR,
    counts            JSON,
    message           VARCHAR
);

-- Every sighting exactly as received: one row per (source, id, time seen, content).
CREATE TABLE raw_postings (
    source       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    seen_at      TIMESTAMPTZ NOT NULL,
    content_hash VARCHAR NOT NULL,
    posting_id   VARCHAR NOT NULL,
    origin       VARCHAR NOT NULL,
    raw          VARCHAR NOT NULL,
    run_id       VARCHAR,
    loaded_at    TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (source, source_id, seen_at, content_hash)
);

-- One row per distinct posting; reposts and the same text under another id fold into one.
CREATE TABLE postings (
    posting_id   VARCHAR PRIMARY KEY,
    source       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    title        VARCHAR,
    company      VARCHAR,
    location     VARCHAR,
    remote       BOOLEAN,
    description  VARCHAR NOT NULL,
    url          VARCHAR,
    posted_at    TIMESTAMPTZ,
    first_seen   TIMESTAMPTZ NOT NULL,
    last_seen    TIMESTAMPTZ NOT NULL,
    sightings    INTEGER NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX postings_content_hash ON postings (content_hash);

CREATE TABLE taxonomy_versions (
    taxonomy_version VARCHAR PRIMARY KEY,
    attribution      VARCHAR NOT NULL,
    skill_count      INTEGER NOT NULL,
    loaded_at        TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE taxonomy_skills (
    taxonomy_version VARCHAR NOT NULL,
    skill_id         VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    category         VARCHAR NOT NULL,
    cluster          VARCHAR,
    aliases          VARCHAR[] NOT NULL,
    exact_aliases    VARCHAR[] NOT NULL,
    esco_uri         VARCHAR,
    onet_name        VARCHAR,
    is_ai_ml         BOOLEAN NOT NULL,
    PRIMARY KEY (taxonomy_version, skill_id)
);

CREATE TABLE skill_mentions (
    posting_id        VARCHAR NOT NULL,
    skill_id          VARCHAR NOT NULL,
    skill             VARCHAR NOT NULL,
    "start"           INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    requirement       VARCHAR NOT NULL
        CHECK (requirement IN ('required', 'preferred', 'not_required', 'unknown')),
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    PRIMARY KEY (posting_id, "start", "end", skill_id, taxonomy_version, extractor_version)
);

-- Which text of which posting has been tagged under which versions (also for postings
-- with no mentions), so a run tags only new or changed postings.
CREATE TABLE posting_tags (
    posting_id        VARCHAR NOT NULL,
    content_hash      VARCHAR NOT NULL,
    taxonomy_version  VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    mentions          INTEGER NOT NULL,
    tagged_at         TIMESTAMPTZ NOT NULL,
    run_id            VARCHAR,
    PRIMARY KEY (posting_id, taxonomy_version, extractor_version)
);

CREATE TABLE quarantine (
    quarantine_id  VARCHAR PRIMARY KEY,
    source         VARCHAR NOT NULL,
    origin         VARCHAR NOT NULL,
    line           BIGINT,
    reason         VARCHAR NOT NULL,
    payload        VARCHAR NOT NULL,
    run_id         VARCHAR,
    quarantined_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
