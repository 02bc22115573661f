-- Near-duplicate band keys become integers, 16 per posting instead of 32 strings.
--
-- warehouse.dedup now computes one-permutation MinHash signatures for whole batches and cuts
-- them into 16 bands of 8 values, each band keyed by a 64-bit hash. The old string keys
-- cannot be compared with the new ones, so the table is recreated empty; the next load of
-- postings refills it from the stored texts (warehouse.matching backfills when it finds
-- posting_bands empty while postings are stored). `source` is the source of the id that
-- started the posting: near-duplicates fold only across sources, and postings.source holds
-- the source of a newer sighting once another source's posting folded in.
-- No primary key: keys are only ever added for new postings, and an index over 16 rows per
-- posting costs more to keep up than the scan it would save.

DROP TABLE posting_bands;

CREATE TABLE posting_bands (
    posting_id VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    band_key   UBIGINT NOT NULL
);
