-- Who is changing the run's Slack card right now, and until when: with two replicas, each may hold
-- updates for the same card; one replica at a time renders it from the stored run and sends it, so
-- that an older state never overwrites a newer one. A holder that died lets go when its time is up.
ALTER TABLE runs ADD COLUMN card_holder VARCHAR(64);
ALTER TABLE runs ADD COLUMN card_held_until TIMESTAMP WITH TIME ZONE;
