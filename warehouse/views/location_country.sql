-- A posting's country when the source gives none: a few unambiguous place names and US
-- state codes in the free-text location. Anything else stays NULL ("unknown").
CREATE OR REPLACE MACRO location_country(location) AS
    CASE
        WHEN location IS NULL THEN NULL
        WHEN regexp_matches(location, '\b(USA?|U\.S\.A?\.?|United States|NYC|New York|San Francisco|Bay Area|Seattle|Boston|Austin|Los Angeles|Chicago|Denver|Washington,? DC)\b', 'i')
            OR regexp_matches(location, ',\s*(AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)\b')
            THEN 'US'
        WHEN regexp_matches(location, '\b(UK|United Kingdom|England|Scotland|London|Manchester|Edinburgh)\b', 'i') THEN 'GB'
        WHEN regexp_matches(location, '\b(Canada|Toronto|Vancouver|Montreal|Montréal)\b', 'i') THEN 'CA'
        WHEN regexp_matches(location, '\b(Germany|Berlin|Munich|München|Hamburg)\b', 'i') THEN 'DE'
        WHEN regexp_matches(location, '\b(France|Paris)\b', 'i') THEN 'FR'
        WHEN regexp_matches(location, '\b(Netherlands|Amsterdam|Rotterdam)\b', 'i') THEN 'NL'
        WHEN regexp_matches(location, '\b(Ireland|Dublin)\b', 'i') THEN 'IE'
        WHEN regexp_matches(location, '\b(Italy|Milan|Rome)\b', 'i') THEN 'IT'
        WHEN regexp_matches(location, '\b(Australia|Sydney|Melbourne)\b', 'i') THEN 'AU'
    END;
