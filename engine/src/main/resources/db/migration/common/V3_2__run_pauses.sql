-- A paused run: who paused it and when. Written beside the run's state, like a cancel request,
-- so that pausing never makes the advancer throw away the result of a step that already acted.
ALTER TABLE runs ADD COLUMN paused_by VARCHAR(64);
ALTER TABLE runs ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
