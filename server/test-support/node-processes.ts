import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./node-process.ts', import.meta.url));

export interface NodeProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
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
    child.stdout?.on('data', (c: Buffer) => {
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
        });
    });
    child.once('exit', (code) => reject(new Error(`server node exited (${code}): ${err.slice(-2000)}`)));
  });
}
