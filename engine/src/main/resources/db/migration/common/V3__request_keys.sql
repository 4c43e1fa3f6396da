-- Requests already received (a Slack team and trigger id): a retried or double-submitted request
-- finds its key here and starts nothing. The primary key is the claim, across replicas.
CREATE TABLE request_keys (
  request_key VARCHAR(200) NOT NULL PRIMARY KEY,
  claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX request_keys_by_time ON request_keys (claimed_at);
