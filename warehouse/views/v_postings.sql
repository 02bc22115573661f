-- The month a posting counts in: its posting date, else when it was first seen.
CREATE OR REPLACE VIEW v_postings AS
SELECT
    p.*,
    CAST(date_trunc('month', coalesce(p.posted_at, p.first_seen) AT TIME ZONE 'UTC') AS DATE)
        AS month
FROM postings AS p;
