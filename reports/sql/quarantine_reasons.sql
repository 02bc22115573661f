-- Quarantined records per source and reason. Params: none.
SELECT source, reason, count(*) AS records
FROM quarantine
GROUP BY source, reason
ORDER BY records DESC, source, reason
