-- How a period is named: '2016-08' (month), '2016 Q3' (quarter), '2016' (year). Labels, not
-- dates, name periods in the report's data: a quarter's first day can fall in a month that
-- holds no postings.
CREATE OR REPLACE MACRO period_label(period, period_start) AS
    CASE period
        WHEN 'month' THEN strftime(period_start, '%Y-%m')
        WHEN 'quarter' THEN strftime(period_start, '%Y') || ' Q' || quarter(period_start)
        WHEN 'year' THEN strftime(period_start, '%Y')
    END;
