-- A run the in-flight rule paused for a freeze (inFlight: upgrade: pause): the freezes it waits
-- for and when they end (JSON: freezes, reason, until), written beside the pause like a step's
-- question. The run goes on by itself at that time; a person's Resume clears it.
ALTER TABLE runs ADD COLUMN pause_hold TEXT;
