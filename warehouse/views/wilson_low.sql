-- 95% Wilson score interval of k successes in n trials (z = 1.959963984540054), kept
-- within 0..1 (at k = 0 rounding gave -4e-19).
CREATE OR REPLACE MACRO wilson_low(k, n) AS
    CASE WHEN n > 0 THEN greatest(0.0,
        (k / n + 3.841458820694124 / (2 * n)
         - 1.959963984540054 * sqrt(k / n * (1 - k / n) / n + 3.841458820694124 / (4 * n * n)))
        / (1 + 3.841458820694124 / n))
    END;
