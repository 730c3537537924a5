-- Open answers to a wave's other instruments are coded too. A comment's `response_id` names a
-- row of `responses`, or, when its question id is `INSTRUMENT:QUESTION`, a row of
-- `instrument_responses`; so it can no longer reference `responses` alone. SQLite cannot drop
-- a constraint in place: the table is rebuilt, with foreign keys off, as SQLite documents.
PRAGMA foreign_keys = OFF;
CREATE TABLE comments_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    response_id INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    body TEXT NOT NULL,
    first_coder_id INTEGER REFERENCES accounts (id),
    second_coder_id INTEGER REFERENCES accounts (id),
    UNIQUE (response_id, question_id, start_char)
);
INSERT INTO comments_rebuilt SELECT id, cycle_id, response_id, question_id, start_char, end_char, body, first_coder_id, second_coder_id FROM comments;
DROP TABLE comments;
ALTER TABLE comments_rebuilt RENAME TO comments;
CREATE INDEX comments_by_question ON comments (cycle_id, question_id, id);
-- The coding queues: comments nobody has coded first, and each second coder's sample.
CREATE INDEX comments_awaiting_first_code ON comments (cycle_id, question_id, id)
    WHERE first_coder_id IS NULL;
CREATE INDEX comments_by_second_coder ON comments (second_coder_id, id)
    WHERE second_coder_id IS NOT NULL;
PRAGMA foreign_keys = ON;
