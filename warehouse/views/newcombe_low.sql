-- Lower end of the 95% interval of the difference of two shares, k2/n2 - k1/n1 (Newcombe's
-- hybrid score interval, his method 10, built from the two Wilson intervals).
CREATE OR REPLACE MACRO newcombe_low(k1, n1, k2, n2) AS
    CASE WHEN n1 > 0 AND n2 > 0 THEN
        k2 / n2 - k1 / n1
        - sqrt((k2 / n2 - wilson_low(k2, n2)) ** 2 + (wilson_high(k1, n1) - k1 / n1) ** 2)
    END;
