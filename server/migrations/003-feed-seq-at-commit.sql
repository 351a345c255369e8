-- Counterdesk central API, schema 3: the feed's sequence is taken at commit (issue 14, push
-- performance).
--
-- Schema 1 numbered feed rows with `UPDATE feed_counter` as the writing transaction's last
-- statements, so the counter row stayed locked for the round trips to the server node and back
-- (the insert, the notify, the COMMIT): every push in the deployment queued behind the slowest
-- node's event loop (measured: about 28 pushes/s under load). Now a writing transaction inserts
-- its feed rows without a number, and a deferred constraint trigger numbers them inside COMMIT,
-- in insertion order. The counter row is locked only from there until the commit is durable and
-- visible, so the guarantee is unchanged: a higher seq never becomes visible before a lower one,
-- and a puller never skips a row (docs/sync-protocol.md §7).

ALTER TABLE feed DROP CONSTRAINT feed_pkey;
ALTER TABLE feed ALTER COLUMN seq DROP NOT NULL;
-- Write order within the database, only to find the row again inside the trigger.
ALTER TABLE feed ADD COLUMN row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
CREATE UNIQUE INDEX feed_seq ON feed (seq);

CREATE FUNCTION feed_number_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next bigint;
BEGIN
  UPDATE feed_counter SET last = last + 1 RETURNING last INTO next;
  UPDATE feed SET seq = next WHERE row_id = NEW.row_id;
  -- Delivered at commit (one per transaction: identical notifications are folded) to every
  -- node's LISTEN connection, which wakes its long-polls.
  PERFORM pg_notify('counterdesk_feed', '');
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER feed_numbered_at_commit AFTER INSERT ON feed
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION feed_number_at_commit();
