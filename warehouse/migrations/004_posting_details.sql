-- Normalised details that job boards state: location parts, salary, employment type, the
-- canonical URL used to match a posting across sources, and when it closes or closed.
-- (v_postings, in warehouse/views/, picks the new columns up through its p.*.)

ALTER TABLE postings ADD COLUMN city VARCHAR;
ALTER TABLE postings ADD COLUMN region VARCHAR;
ALTER TABLE postings ADD COLUMN country VARCHAR;
ALTER TABLE postings ADD COLUMN salary_min DOUBLE;
ALTER TABLE postings ADD COLUMN salary_max DOUBLE;
ALTER TABLE postings ADD COLUMN salary_currency VARCHAR;
ALTER TABLE postings ADD COLUMN salary_period VARCHAR;
ALTER TABLE postings ADD COLUMN employment_type VARCHAR;
ALTER TABLE postings ADD COLUMN canonical_url VARCHAR;
ALTER TABLE postings ADD COLUMN valid_through TIMESTAMPTZ;
ALTER TABLE postings ADD COLUMN closed_at TIMESTAMPTZ;
CREATE INDEX postings_canonical_url ON postings (canonical_url);
