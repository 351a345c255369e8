import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./node-process.ts', import.meta.url));

export interface NodeProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** The TCP connections opened to this node and its requests by method and path (upload ids as `:id`), since it started. */
  requests(): Promise<RequestCounts>;
}

export interface RequestCounts {
  connections: number;
  requests: Record<string, number>;
}

/** Starts a server node as a separate OS process on the given database and data directory. */
export function spawnNode(databaseUrl: string, dataDir: string, clockIso: string): Promise<NodeProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      env: { ...process.env, DATABASE_URL: databaseUrl, COUNTERDESK_SERVER_DIR: dataDir, COUNTERDESK_TEST_CLOCK: clockIso },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      // A node's unexpected failures (500s) are shown, not swallowed with its other output.
      if (c.toString().includes('counterdesk-server:') || process.env['COUNTERDESK_TEST_NODE_STDERR']) process.stderr.write(c);
    });
    let counted: ((c: RequestCounts) => void) | undefined;
    let partial = '';
    child.stdout?.on('data', (c: Buffer) => {
      // The counts line can be long: read whole lines, however the pipe cuts them.
      const lines = (partial + c.toString()).split('\n');
      partial = lines.pop()!;
      const counts = lines.map((l) => /^REQUESTS (\{.*\})$/.exec(l)?.[1]).find((j) => j !== undefined);
      if (counts) counted?.(JSON.parse(counts) as RequestCounts);
      const m = /LISTENING (\S+)/.exec(c.toString());
      if (m?.[1])
        resolve({
          url: m[1],
          pid: child.pid ?? 0,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
          requests: () =>
            new Promise<RequestCounts>((done) => {
              counted = done;
              child.kill('SIGUSR2');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`server node exited (${code}): ${err.slice(-2000)}`)));
  });
}
