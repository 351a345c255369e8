-- Counterdesk central API, schema 1. Applied once under pg_advisory_lock (server/db/migrate.ts).

CREATE TABLE server_meta (key text PRIMARY KEY, value text NOT NULL);
-- The feed epoch: `server:admin -- epoch new` after a restore from backup (docs/sync-protocol.md §7).
INSERT INTO server_meta (key, value) VALUES ('epoch', gen_random_uuid()::text);

CREATE TABLE service_points (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{2,6}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE workstations (
  id text PRIMARY KEY CHECK (id ~ '^[A-Z0-9]{2,6}-[A-Z0-9]{1,4}$'),
  service_point text NOT NULL REFERENCES service_points (code),
  public_key text,
  receipt_public_key text,
  label text,
  enrolled_at timestamptz,
  revoked_at timestamptz,
  -- Next client_seq expected and the rolling hash of the consumed ops (the ledger).
  next_seq bigint NOT NULL DEFAULT 1,
  ledger_hash text NOT NULL DEFAULT repeat('0', 64),
  created_at timestamptz NOT NULL
);

-- One-time codes, stored only as SHA-256.
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  workstation_id text NOT NULL REFERENCES workstations (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL
);

CREATE TABLE users (
  staff_number text PRIMARY KEY,
  display_name text NOT NULL,
  roles text[] NOT NULL,
  service_points text[] NOT NULL,
  password_verifier text,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  staff_number text NOT NULL REFERENCES users (staff_number),
  workstation_id text NOT NULL REFERENCES workstations (id),
  expires_at timestamptz NOT NULL
);

-- Replay protection: a nonce is refused twice within the clock-skew window.
CREATE TABLE request_nonces (
  workstation_id text NOT NULL,
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (workstation_id, nonce)
);
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at);

-- Reference data: entities that hold an account and their staff logins (FAQ 8, 18, 19).
CREATE TABLE reference_entities (
  entity_number text PRIMARY KEY,
  data jsonb NOT NULL,
  -- Normalised identity keys ('tax:…', 'reg:…', 'name:…') for the FAQ 8 lookup.
  identity_keys text[] NOT NULL
);
CREATE INDEX reference_entities_keys ON reference_entities USING gin (identity_keys);

CREATE TABLE staff_logins (
  login_id text PRIMARY KEY,
  entity_number text NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX staff_logins_entity ON staff_logins (entity_number);

-- Applications: the workflow is the server's.
CREATE TABLE applications (
  record_id uuid PRIMARY KEY,
  application_number text NOT NULL UNIQUE,
  service_point text NOT NULL REFERENCES service_points (code),
  workstation_id text NOT NULL REFERENCES workstations (id),
  kind text NOT NULL,
  status text NOT NULL,
  version integer NOT NULL,
  form jsonb NOT NULL,
  created_by text NOT NULL,
  editors text[] NOT NULL,
  history jsonb NOT NULL,
  blobs text[] NOT NULL,
  -- Lower-cased names (zh/pt/en), numbers and ID numbers, for search across service points.
  search_text text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX applications_sp_status ON applications (service_point, status);

-- FAQ 8: one pending or approved first application per entity, across all counters and all
-- server nodes. Each first application claims its identity keys; the partial unique index
-- makes a second active claim on any key fail in the database, whichever node races.
CREATE TABLE entity_claims (
  record_id uuid NOT NULL REFERENCES applications (record_id),
  key text NOT NULL,
  application_number text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (record_id, key)
);
CREATE UNIQUE INDEX entity_claims_one_active ON entity_claims (key) WHERE active;

-- Decisions are append-only.
CREATE TABLE decisions (
  id bigserial PRIMARY KEY,
  record_id uuid NOT NULL REFERENCES applications (record_id),
  from_version integer NOT NULL,
  decision text NOT NULL,
  decided_by text NOT NULL,
  workstation_id text NOT NULL,
  reason_code text,
  notes text,
  decided_at timestamptz NOT NULL,
  UNIQUE (record_id, from_version)
);
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Every op ever consumed, deduplicated permanently (never for a time window).
CREATE TABLE ops (
  workstation_id text NOT NULL REFERENCES workstations (id),
  op_id uuid NOT NULL,
  client_seq bigint NOT NULL,
  type text NOT NULL,
  record_id uuid NOT NULL,
  payload_sha256 text NOT NULL,
  actor text NOT NULL,
  session_staff text,
  outcome jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (workstation_id, op_id),
  UNIQUE (workstation_id, client_seq)
);
CREATE TRIGGER ops_append_only BEFORE UPDATE OR DELETE ON ops FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE idempotency_keys (
  workstation_id text NOT NULL,
  key text NOT NULL,
  request_sha256 text NOT NULL,
  status integer,
  response text,
  locked_until timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workstation_id, key)
);

-- The change feed. seq is handed out from feed_counter inside the writing transaction; the
-- counter row stays locked until commit, so seqs become visible in commit order.
CREATE TABLE feed (
  seq bigint PRIMARY KEY,
  scope text NOT NULL, -- a service point, or '*' for everyone
  kind text NOT NULL,
  id text NOT NULL,
  deleted boolean NOT NULL,
  data jsonb,
  committed_at timestamptz NOT NULL
);
CREATE INDEX feed_scope_seq ON feed (scope, seq);
CREATE TABLE feed_counter (one boolean PRIMARY KEY DEFAULT true CHECK (one), last bigint NOT NULL);
INSERT INTO feed_counter (last) VALUES (0);

CREATE TABLE audit_heads (
  id bigserial PRIMARY KEY,
  workstation_id text NOT NULL REFERENCES workstations (id),
  seq bigint NOT NULL,
  hash text NOT NULL,
  contradicts_previous boolean NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX audit_heads_ws ON audit_heads (workstation_id, id);

CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  stored_at timestamptz NOT NULL
);

CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL);
