-- Upper end of the 95% Wilson score interval of k successes in n trials (see wilson_low).
CREATE OR REPLACE MACRO wilson_high(k, n) AS
    CASE WHEN n > 0 THEN least(1.0,
        (k / n + 3.841458820694124 / (2 * n)
         + 1.959963984540054 * sqrt(k / n * (1 - k / n) / n + 3.841458820694124 / (4 * n * n)))
        / (1 + 3.841458820694124 / n))
    END;
