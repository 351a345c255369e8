import type { Application } from '../../domain/model/application';
import { foldName } from '../../domain/rules/entity-identity';
import { numberKey } from '../../domain/search-match';

// The one definition of applications.search_text (server/migrations/007-search-tokens.sql): the
// tokens a search across all service points looks an application up by, separated by spaces,
// indexed as a tsvector built straight from them (array_to_tsvector: no text-search parser, so
// nothing depends on the database's locale). Queries are turned into tokens the same way
// (search-query.ts). Why a query matched is still told by domain/search-match.ts.

export { matchedOn, nameKey, numberKey } from '../../domain/search-match';

/** Chinese (and Japanese, Korean) characters: indexed as pairs, since their words have no spaces. */
const IDEOGRAPH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * A name's tokens, folded as foldName folds them (no case, accents, full-width forms): each word
 * of letters or digits, and for a run of ideographs every pair of adjacent characters (a lone
 * character: itself). "澳門美高梅貿易有限公司" → 澳門 門美 美高 高梅 梅貿 …; "Comércio São João" →
 * comercio sao joao.
 */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  let word = '';
  let run: string[] = [];
  const endWord = () => {
    if (word) out.push(word);
    word = '';
  };
  const endRun = () => {
    if (run.length === 1) out.push(run[0]!);
    for (let i = 0; i + 1 < run.length; i++) out.push(run[i]! + run[i + 1]!);
    run = [];
  };
  for (const ch of foldName(name)) {
    if (IDEOGRAPH.test(ch)) {
      endWord();
      run.push(ch);
    } else if (WORD_CHAR.test(ch)) {
      endRun();
      word += ch;
    } else {
      endWord();
      endRun();
    }
  }
  endWord();
  endRun();
  return out;
}

/** The key of an application: its number, entity numbers, people's ID numbers (letters and digits), entity names' tokens (zh/pt/en). */
export function searchKey(applicationNumber: string, app: Application): string {
  const e = app.entity;
  const numbers = [
    applicationNumber,
    e.taxpayerNumber,
    e.commercialRegistrationNumber,
    e.associationRegistrationNumber,
    e.entityNumber,
    ...app.persons.map((p) => p.idDocument.number),
  ]
    .filter((n): n is string => Boolean(n))
    .map(numberKey);
  const names = [e.names.zh, e.names.pt, e.names.en].filter((n): n is string => Boolean(n)).flatMap(nameTokens);
  return [...new Set([...numbers, ...names].filter((t) => t !== ''))].join(' ');
}
