// `npm run bench [name-filter]`: runs every bench/*.bench.ts in turn (never in parallel:
// two cores, and parallel runs would measure each other).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { consoleReporter, type BenchSuite } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

console.log(`# Counterdesk benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchSuite };
  await mod.default(consoleReporter);
}
