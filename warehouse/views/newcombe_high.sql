-- Upper end of the 95% interval of k2/n2 - k1/n1 (see newcombe_low).
CREATE OR REPLACE MACRO newcombe_high(k1, n1, k2, n2) AS
    CASE WHEN n1 > 0 AND n2 > 0 THEN
        k2 / n2 - k1 / n1
        + sqrt((wilson_high(k2, n2) - k2 / n2) ** 2 + (k1 / n1 - wilson_low(k1, n1)) ** 2)
    END;
