-- Counterdesk central API, schema 4: e-ID tool enablements from the counters (issue 16, FAQ 18, 19).
--
-- A security-code QR carries a server-issued nonce; the QR may be enabled once, at one counter.
-- The primary key is what makes consuming it atomic: two workstations pushing the same QR at
-- the same moment both try to insert it, the second waits for the first's commit and then gets
-- a unique violation (refused: eid_nonce_consumed). Never deleted.
CREATE TABLE security_code_nonces (
  nonce text PRIMARY KEY CHECK (nonce ~ '^[0-9a-f]{32}$'),
  enablement_id uuid NOT NULL,
  workstation_id text NOT NULL REFERENCES workstations (id),
  consumed_at timestamptz NOT NULL
);

-- Every enablement the server accepted, with who did it where (the login's reference row holds
-- the resulting state: staff_logins.data.securityCode / faceRecognition).
CREATE TABLE eid_enablements (
  id uuid PRIMARY KEY,
  tool text NOT NULL CHECK (tool IN ('security_code', 'face_recognition')),
  visit_id text NOT NULL,
  workstation_id text NOT NULL REFERENCES workstations (id),
  entity_number text NOT NULL,
  staff_login_id text NOT NULL,
  clerk text NOT NULL,
  done_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX eid_enablements_login ON eid_enablements (staff_login_id, tool);
CREATE TRIGGER eid_enablements_append_only BEFORE UPDATE OR DELETE ON eid_enablements FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER security_code_nonces_append_only BEFORE UPDATE OR DELETE ON security_code_nonces FOR EACH ROW EXECUTE FUNCTION refuse_change();
