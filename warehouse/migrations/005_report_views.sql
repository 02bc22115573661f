-- Training programmes: the supply side of the skill gap, and their skill mentions.
-- (This migration also created the report's views and table macros; they now live one per
-- file in warehouse/views/.)

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
