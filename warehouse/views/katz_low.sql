-- Lower end of the 95% interval of the ratio of two shares, (k2/n2) / (k1/n1), on the log
-- scale (Katz et al. 1978); NULL when either count is 0, where the log ratio is unbounded.
CREATE OR REPLACE MACRO katz_low(k1, n1, k2, n2) AS
    CASE WHEN k1 > 0 AND k2 > 0 THEN
        (k2 / n2) / (k1 / n1)
        * exp(-1.959963984540054 * sqrt(1 / k2 - 1 / n2 + 1 / k1 - 1 / n1))
    END;
