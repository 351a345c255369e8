-- Counterdesk central API, schema 7: search by tokens instead of trigrams (issue 14, search at
-- 1,000,000 applications, p99 < 50 ms).
--
-- Schema 2's trigram index answered a number in ~30 ms but a name in 250–1155 ms: Chinese was
-- hex-coded (six key characters a character) so pg_trgm would index it under any locale, and
-- most of those trigrams were shared by every name. applications.search_text now holds tokens,
-- separated by spaces (server/search/search-key.ts is their one definition): each number (letters
-- and digits), each folded word of a Portuguese or English name, each pair of adjacent Chinese
-- characters. The index is a GIN over array_to_tsvector of them: tokens are taken as they are,
-- with no text-search parser, so it works the same under any locale (Debian's C.UTF-8 and the
-- embedded PostgreSQL's C). A query looks words and numbers up by prefix and pairs exactly
-- (server/search/search-query.ts).

DROP INDEX IF EXISTS applications_search_trgm;

-- Rows written under earlier schemas are re-keyed here. SQL cannot run the server's code, so
-- this mirrors it: foldName's folding and Unicode classes for the scripts names use. A row is
-- keyed exactly by the server's code again at its next change.
CREATE FUNCTION pg_temp.search_name_tokens_v7(name text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  s text;
  c text;
  cp integer;
  word text := '';
  run text[] := '{}';
  tokens text[] := '{}';
  i integer;
BEGIN
  IF name IS NULL OR name = '' THEN
    RETURN tokens;
  END IF;
  s := lower(regexp_replace(normalize(btrim(regexp_replace(normalize(name, NFKC), '\s+', ' ', 'g')), NFD),
    '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g'));
  FOREACH c IN ARRAY regexp_split_to_array(s || ' ', '') LOOP
    cp := ascii(c);
    IF cp BETWEEN 12352 AND 12543 OR cp BETWEEN 13312 AND 19903 OR cp BETWEEN 19968 AND 40959
      OR cp BETWEEN 44032 AND 55215 OR cp BETWEEN 63744 AND 64255 OR cp BETWEEN 131072 AND 201551 THEN
      -- Hiragana, Katakana, CJK ideographs (and extensions, compatibility), Hangul syllables.
      IF word <> '' THEN tokens := tokens || word; word := ''; END IF;
      run := run || c;
    ELSIF c ~ '[a-z0-9]' OR (cp >= 192 AND cp < 8192 AND cp NOT IN (215, 247)) THEN
      -- ASCII letters and digits; Latin with diacritics, Greek, Cyrillic and the like.
      IF cardinality(run) = 1 THEN tokens := tokens || run[1]; END IF;
      FOR i IN 1 .. cardinality(run) - 1 LOOP tokens := tokens || (run[i] || run[i + 1]); END LOOP;
      run := '{}';
      word := word || c;
    ELSE
      IF word <> '' THEN tokens := tokens || word; word := ''; END IF;
      IF cardinality(run) = 1 THEN tokens := tokens || run[1]; END IF;
      FOR i IN 1 .. cardinality(run) - 1 LOOP tokens := tokens || (run[i] || run[i + 1]); END LOOP;
      run := '{}';
    END IF;
  END LOOP;
  RETURN tokens;
END $$;

CREATE FUNCTION pg_temp.search_number_token_v7(n text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(regexp_replace(upper(normalize(coalesce(n, ''), NFKC)), '[^0-9A-Z]', '', 'g'))
$$;

UPDATE applications a
SET search_text = coalesce((
  SELECT string_agg(DISTINCT t, ' ')
  FROM unnest(
    ARRAY[
      pg_temp.search_number_token_v7(a.application_number),
      pg_temp.search_number_token_v7(a.form #>> '{entity,taxpayerNumber}'),
      pg_temp.search_number_token_v7(a.form #>> '{entity,commercialRegistrationNumber}'),
      pg_temp.search_number_token_v7(a.form #>> '{entity,associationRegistrationNumber}'),
      pg_temp.search_number_token_v7(a.form #>> '{entity,entityNumber}')
    ]
    || ARRAY(SELECT pg_temp.search_number_token_v7(p #>> '{idDocument,number}') FROM jsonb_array_elements(coalesce(a.form -> 'persons', '[]')) p)
    || pg_temp.search_name_tokens_v7(a.form #>> '{entity,names,zh}')
    || pg_temp.search_name_tokens_v7(a.form #>> '{entity,names,pt}')
    || pg_temp.search_name_tokens_v7(a.form #>> '{entity,names,en}')
  ) t
  WHERE t <> ''), '');

CREATE INDEX applications_search_tokens ON applications USING gin (array_to_tsvector(string_to_array(search_text, ' ')));
