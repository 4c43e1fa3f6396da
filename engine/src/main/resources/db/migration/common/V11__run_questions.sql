-- A step that needs a person pauses its run with a question (JSON: text and choices), written
-- beside the pause; the answer (JSON: choice, by, at) waits in `decision` until the step has seen
-- it on its next check. Both are TEXT (CLOB on H2), like the run's context.
ALTER TABLE runs ADD COLUMN pause_question TEXT;
ALTER TABLE runs ADD COLUMN decision TEXT;
