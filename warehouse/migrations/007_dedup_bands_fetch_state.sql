-- Cross-source deduplication and safe closing of postings.
--
-- posting_bands holds the MinHash band keys (warehouse.dedup) of the text each posting was
-- first stored with; a new posting sharing a band key with a posting of another source is a
-- candidate near-duplicate. source_state remembers, per source and board, how the last fetch
-- went and from when the next incremental fetch may start. board_postings records which ids
-- a complete fetch of a board listed, so postings that drop off a board can be closed.

CREATE TABLE posting_bands (
    posting_id VARCHAR NOT NULL,
    band_key   VARCHAR NOT NULL,
    PRIMARY KEY (band_key, posting_id)
);

CREATE TABLE source_state (
    source           VARCHAR NOT NULL,
    board_key        VARCHAR NOT NULL,
    last_fetch_at    TIMESTAMPTZ NOT NULL,
    last_complete_at TIMESTAMPTZ,
    since_cursor     TIMESTAMPTZ,
    last_error       VARCHAR,
    PRIMARY KEY (source, board_key)
);

CREATE TABLE board_postings (
    source       VARCHAR NOT NULL,
    board_key    VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    first_listed TIMESTAMPTZ NOT NULL,
    last_listed  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, board_key, source_id)
);
