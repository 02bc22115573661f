-- The AI/ML technician decision (docs/ai-ml-technician.md) stores the role family of each
-- posting's main role and the titles of the roles that qualified it.
--
-- Profiles written before this decision keep their is_ai_ml_role (the old title-or-skills
-- rule) with role_family 'other' and no roles; the extractor version that came with the
-- decision tags every posting again, and views read only the current versions. The role
-- family now comes from the profile, so the title_role_family macro is retired.

ALTER TABLE posting_profiles ADD COLUMN role_family VARCHAR DEFAULT 'other';
ALTER TABLE posting_profiles ALTER COLUMN role_family SET NOT NULL;
ALTER TABLE posting_profiles ALTER COLUMN role_family DROP DEFAULT;
ALTER TABLE posting_profiles ADD COLUMN roles VARCHAR[] DEFAULT [];
ALTER TABLE posting_profiles ALTER COLUMN roles SET NOT NULL;
ALTER TABLE posting_profiles ALTER COLUMN roles DROP DEFAULT;

DROP MACRO IF EXISTS title_role_family;
