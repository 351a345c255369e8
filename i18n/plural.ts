/**
 * ICU-style plurals in a catalogue text (issue 13, item 14): `{count, plural, one {# page}
 * other {# pages}}` picks the branch by the language's plural rules and puts the number for
 * `#`. Only `plural` with `=N`, `one`, `few`, `many`, `other` branches; no nesting beyond
 * plain text and other `{name}` placeholders inside a branch.
 */
const PLURAL = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*(?:\{\w+\}[^{}]*)*\})+)\s*\}/g;
const BRANCH = /\s*(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*(?:\{\w+\}[^{}]*)*)\}/g;

export function formatPlurals(locale: string, template: string, params: Record<string, string | number>): string {
  return template.replace(PLURAL, (whole, name: string, body: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const n = Number(params[name]);
    const branches = new Map<string, string>();
    for (const m of body.matchAll(BRANCH)) branches.set(m[1] ?? '', m[2] ?? '');
    const chosen = branches.get(`=${n}`) ?? branches.get(new Intl.PluralRules(locale).select(n)) ?? branches.get('other') ?? whole;
    return chosen.replace(/#/g, String(params[name]));
  });
}

/** The placeholder names a text uses, plural selectors and typed dates (`{at, datetime}`) included. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{(\w+)(?:\}|,\s*plural,|,\s*(?:date|datetime)\s*\})/g)) names.add(m[1] ?? '');
  return [...names].sort();
}
