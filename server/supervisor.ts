import { spawn, type ChildProcess } from 'node:child_process';

// `npm run server` runs each node as a child process and starts it again when it dies: postgres.js
// 3.4 can throw from a socket callback when PostgreSQL dies mid-query (porsager/postgres#1154,
// #1208), which no handler of ours can catch. The node itself answers 503 while the database is
// away and starts without it (server/node.ts), so a restart during an outage does not loop.

export interface SupervisorOptions {
  /** Script run as `node --import tsx <script>`. */
  script: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** The child's stdout, line by line (its stderr goes to ours). */
  onLine?: (line: string) => void;
}

export interface Supervisor {
  /** Node process id of the current child (changes after a restart). */
  pid(): number | undefined;
  restarts(): number;
  stop(): Promise<void>;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
/** A child that ran this long before dying was healthy: the next restart is quick again. */
const HEALTHY_MS = 30_000;

export function superviseNode(o: SupervisorOptions): Supervisor {
  let child: ChildProcess | undefined;
  let stopping = false;
  let delay = FIRST_DELAY_MS;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    const startedAt = performance.now();
    const c = spawn(process.execPath, ['--import', 'tsx', o.script], { env: o.env, stdio: ['ignore', 'pipe', 'inherit'] });
    child = c;
    let partial = '';
    c.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) (o.onLine ?? ((x: string) => process.stdout.write(`${x}\n`)))(l);
    });
    c.once('exit', (code, signal) => {
      if (child === c) child = undefined;
      if (stopping) return;
      if (performance.now() - startedAt >= HEALTHY_MS) delay = FIRST_DELAY_MS;
      o.log(`server node ${c.pid ?? '?'} exited (${signal ?? `code ${code ?? '?'}`}); starting it again in ${delay} ms`);
      restarts++;
      timer = setTimeout(start, delay);
      delay = Math.min(MAX_DELAY_MS, delay * 2);
    });
  };
  start();

  return {
    pid: () => child?.pid,
    restarts: () => restarts,
    stop: () =>
      new Promise<void>((done) => {
        stopping = true;
        clearTimeout(timer);
        const c = child;
        if (!c || c.exitCode !== null || c.signalCode !== null) return done();
        c.once('exit', () => done());
        c.kill('SIGTERM');
      }),
  };
}
