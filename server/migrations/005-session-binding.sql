-- Counterdesk central API, schema 5: ops bound to the person's server session (issue 14,
-- docs/sync-protocol.md §4).
--
-- A session gets a public id that the workstation writes into every op the person makes while
-- signed in; the server accepts the op's actor only if that session is this workstation's and
-- that person's. So a session is a record now, not only a credential: it is ended (never
-- deleted) when the user is deactivated, their password reset or the workstation revoked, and
-- kept 180 days after it ends, so ops made during it and pushed later still show who did them.
ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE sessions ADD CONSTRAINT sessions_id_unique UNIQUE (id);
ALTER TABLE sessions ADD COLUMN issued_at timestamptz;
ALTER TABLE sessions ADD COLUMN ended_at timestamptz;
-- The session that attested an op's actor (null: attested by the workstation's signature alone).
ALTER TABLE ops ADD COLUMN session_id uuid;
