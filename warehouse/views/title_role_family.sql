-- Role family from a job title: the first rule that matches wins (case-insensitive).
CREATE OR REPLACE MACRO title_role_family(title) AS
    CASE
        WHEN title IS NULL THEN 'other'
        WHEN regexp_matches(title, '\b(ml ?ops|llm ?ops|(ml|ai|machine learning) (platform|infra\w*))\b', 'i')
            THEN 'MLOps/platform'
        WHEN regexp_matches(title, '\b(research\w*|phd|applied scientist)\b', 'i') THEN 'research'
        WHEN regexp_matches(title, '\b(data scien\w*|data analyst\w*|analytics|statistician\w*)\b', 'i')
            THEN 'data scientist'
        WHEN regexp_matches(title, '\b(ml|ai|machine learning|deep learning|llm|nlp|computer vision|gen ?ai|artificial intelligence)\b', 'i')
            THEN 'ML/AI engineer'
        WHEN regexp_matches(title, '\b(data engineer\w*|data platform|etl|analytics engineer\w*)\b', 'i')
            THEN 'data engineer'
        WHEN regexp_matches(title, '\b(platform|infrastructure|devops|sre|site reliability)\b', 'i')
            THEN 'MLOps/platform'
        WHEN regexp_matches(title, '\b(product manager\w*|product owner\w*|designer\w*|design|ux|ui/ux)\b', 'i')
            THEN 'product/design'
        WHEN regexp_matches(title, '\b(engineer\w*|developer\w*|programmer\w*|swe|full ?stack|front ?end|back ?end|cto|architect\w*|engineering)\b', 'i')
            THEN 'software engineer'
        ELSE 'other'
    END;
