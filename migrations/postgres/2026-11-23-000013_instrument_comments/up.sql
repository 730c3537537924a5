-- Open answers to a wave's other instruments are coded too. A comment's `response_id` names a
-- row of `responses`, or, when its question id is `INSTRUMENT:QUESTION`, a row of
-- `instrument_responses`; so it can no longer reference `responses` alone.
ALTER TABLE comments DROP CONSTRAINT comments_response_id_fkey;
