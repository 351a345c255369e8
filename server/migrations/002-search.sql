-- Counterdesk central API, schema 2: search across all service points (issue 14; public enquiry, issue 15).
--
-- applications.search_text becomes a search key (server/search/search-key.ts is its one
-- definition): names folded as domain foldName folds them (no case, accents, full-width forms),
-- numbers with letters and digits only, one part a line. Every non-ASCII character left after
-- folding (Chinese) is written as `x` + 5 hex digits, so the trigram index works whatever the
-- database's locale: pg_trgm counts only locale "alphanumeric" characters, and under the C
-- locale (the embedded PostgreSQL's initdb) a Chinese character is not one.
--
-- Indexes for 1,000,000 applications: a trigram GIN on the key (names in zh/pt/en and ID
-- numbers, any substring of 3+ key characters), and a text_pattern_ops b-tree on the number for
-- prefixes ("SP01-W03-20261128"); the exact number uses the existing unique index.
-- pg_trgm ships with PostgreSQL (Debian's postgresql contrib, the embedded PostgreSQL 18) and is
-- a trusted extension: the database's owner may create it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Rows written under schema 1 held the parts lower-cased; fold them once here. SQL cannot run
-- foldName itself, so this mirrors it for the marks Portuguese and English use; a row is keyed
-- exactly by the server's code again at its next change.
CREATE FUNCTION pg_temp.search_fold_v2(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  s text;
  out text := '';
  c text;
BEGIN
  s := lower(regexp_replace(normalize(normalize(btrim(regexp_replace(t, '\s+', ' ', 'g')), NFKC), NFD),
    '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g'));
  FOREACH c IN ARRAY regexp_split_to_array(s, '') LOOP
    out := out || CASE WHEN ascii(c) < 128 THEN c ELSE 'x' || lpad(to_hex(ascii(c)), 5, '0') END;
  END LOOP;
  RETURN out;
END $$;
UPDATE applications
SET search_text = lower(regexp_replace(application_number, '[^A-Za-z0-9]', '', 'g')) || E'\n' || pg_temp.search_fold_v2(search_text);

CREATE INDEX applications_search_trgm ON applications USING gin (search_text gin_trgm_ops);
CREATE INDEX applications_number_prefix ON applications (application_number text_pattern_ops);
