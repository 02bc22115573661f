-- The first day of the period ('month', 'quarter' or 'year') a month belongs to; any other
-- period is an error, not a silent week or day.
CREATE OR REPLACE MACRO period_start(period, month) AS
    CASE
        WHEN period IN ('month', 'quarter', 'year') THEN CAST(date_trunc(period, month) AS DATE)
        ELSE error('period must be month, quarter or year, not ' || coalesce(period, 'NULL'))
    END;
