-- Counterdesk central API, schema 6: a push's feed rows are numbered just after its commit, in
-- batches, instead of inside it (issue 14, push performance).
--
-- Schema 3 numbered feed rows inside COMMIT under the feed_counter row lock. PostgreSQL releases
-- a transaction's locks only after its commit record is flushed to disk, so every pushing
-- transaction in the deployment waited for the previous one's fsync: commits were serialised at
-- the disk's fsync rate and could never share a flush (measured: the counter UPDATE averaged
-- 9 ms of lock wait per push at 50 pushes/s, most of the database time).
--
-- Now a push transaction marks itself (`SET LOCAL counterdesk.feed_numbering = 'after_commit'`)
-- and its rows commit without a number, so pushes commit in parallel and share fsyncs. Right
-- after, the node calls feed_number_pending(): under the same counter lock it numbers every
-- committed unnumbered row in insertion order and commits once for the whole batch. The
-- guarantee is unchanged: seqs become visible only under the counter lock, in order, so a puller
-- never skips a row (docs/sync-protocol.md §7); a change that depends on another (a decision on
-- a submitted application) is inserted after that one committed, so it is numbered after it.
-- Other writers (administration, enrolment) still number at commit (schema 3).

CREATE INDEX feed_unnumbered ON feed (row_id) WHERE seq IS NULL;

CREATE OR REPLACE FUNCTION feed_number_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next bigint;
BEGIN
  IF current_setting('counterdesk.feed_numbering', true) = 'after_commit' THEN
    RETURN NULL;
  END IF;
  UPDATE feed_counter SET last = last + 1 RETURNING last INTO next;
  UPDATE feed SET seq = next WHERE row_id = NEW.row_id;
  PERFORM pg_notify('counterdesk_feed', '');
  RETURN NULL;
END $$;

-- Numbers every committed, unnumbered feed row; returns how many. Cheap when there are none
-- (no lock, no transaction id). Any node may call it at any time, as often as it likes.
CREATE FUNCTION feed_number_pending() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  base bigint;
  n bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM feed WHERE seq IS NULL) THEN
    RETURN 0;
  END IF;
  SELECT last INTO base FROM feed_counter FOR UPDATE;
  -- A new statement, so a new snapshot (READ COMMITTED): it sees rows committed while we waited.
  UPDATE feed f SET seq = base + p.k
    FROM (SELECT row_id, row_number() OVER (ORDER BY row_id) AS k FROM feed WHERE seq IS NULL) AS p
    WHERE f.row_id = p.row_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    UPDATE feed_counter SET last = base + n;
    PERFORM pg_notify('counterdesk_feed', '');
  END IF;
  RETURN n;
END $$;
