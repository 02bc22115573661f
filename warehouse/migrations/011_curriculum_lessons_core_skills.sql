-- Training programmes as real syllabi: their licence and source, their lessons, the lesson
-- each skill mention sits in, and the AI/ML technician's core skills the gap is measured on.

ALTER TABLE curricula ADD COLUMN licence VARCHAR;
ALTER TABLE curricula ADD COLUMN source_repo VARCHAR;
ALTER TABLE curricula ADD COLUMN source_commit VARCHAR;
ALTER TABLE curricula ADD COLUMN note VARCHAR;

-- A lesson is a heading and the text under it (extract.curricula.split_lessons); offsets are
-- into curricula.description, like those of curriculum_mentions.
CREATE TABLE curriculum_lessons (
    curriculum_id VARCHAR NOT NULL,
    lesson        INTEGER NOT NULL,
    heading       VARCHAR,
    "start"       INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    PRIMARY KEY (curriculum_id, lesson)
);

ALTER TABLE curriculum_mentions ADD COLUMN lesson INTEGER;

-- The core list of nlp/taxonomy/profiles.toml, replaced whenever a run loads it.
CREATE TABLE core_skills (
    item_id  VARCHAR NOT NULL,
    item     VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    skill_id VARCHAR NOT NULL,
    PRIMARY KEY (item_id, skill_id)
);

-- Programmes are now tagged lesson by lesson: every stored one is tagged again on the next run.
DELETE FROM curriculum_mentions;
DELETE FROM curriculum_tags;

-- The twelve short descriptions bundled before are replaced by 60 real syllabi. A warehouse
-- left with no programme loads those on the next run; one that also holds a user's own keeps
-- them only (`skillgap import-curricula` adds the bundled file to them).
DELETE FROM curricula
WHERE origin LIKE 'programmes.jsonl:%'
  AND curriculum_id IN (
    'cur:b6413e33fd2985cb', 'cur:7dc78c89732d35c2', 'cur:305591e778e8de81',
    'cur:1b3cc38a8ed691c9', 'cur:0f747b481f66b85b', 'cur:f721ec7aab7a619f',
    'cur:98647ea2dd853a54', 'cur:012c32ad182b5a48', 'cur:14d213be83ca17e7',
    'cur:2f58374def97db27', 'cur:f41a4fa47535a2c2', 'cur:771f7d43b98126c1'
  );
