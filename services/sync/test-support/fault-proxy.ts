import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

// A TCP fault proxy for the sync fault tests, loopback only. Each new connection takes the
// fault in force when it opens. The sync client keeps connections alive, so setting or queuing
// faults cuts every open connection that is not waiting for an answer; a request already under
// way (a long poll) goes on as before, but its connection carries no further request. So every
// request started after `set`/`queue` goes on a new connection and meets the new fault. And a
// connection with a fault carries one request only (a kept-alive 'duplicate' connection would
// otherwise duplicate every request after it): the client's next request meets the next fault.

export type Fault =
  | { kind: 'pass' }
  /** Accept and close at once: the request never reaches the server. */
  | { kind: 'drop' }
  /** Forward after a pause (both ways). */
  | { kind: 'delay'; ms: number }
  /** TCP RST as soon as the client has sent something. */
  | { kind: 'reset' }
  /** Forward the request; the server acts on it; the client never gets the answer (OpenCRVS #7477). */
  | { kind: 'drop_response' }
  /** One direction goes dark for `ms`, then the connection dies. */
  | { kind: 'partition'; direction: 'to_server' | 'to_client'; ms: number }
  /** Duplicate delivery: the request also reaches the server a second time on its own connection (that answer is thrown away). */
  | { kind: 'duplicate' };

export interface FaultProxy {
  url: string;
  /** Fault for connections opened from now on. */
  set(fault: Fault): void;
  /** Faults for the next connections in order, then `after`. */
  queue(faults: Fault[], after?: Fault): void;
  /** Send new connections to another port (a server node restarted elsewhere). */
  retarget(port: number): void;
  connections: number;
  close(): Promise<void>;
}

export async function startFaultProxy(initial: { host: string; port: number }): Promise<FaultProxy> {
  let target = initial;
  let current: Fault = { kind: 'pass' };
  let queued: Fault[] = [];
  const sockets = new Set<Socket>();
  /** Open client connections: whether the client spoke last (a request waiting for its answer), and under which faults they opened. */
  const clients = new Map<Socket, { waiting: boolean; generation: number }>();
  let generation = 0;
  const cutOpenConnections = () => {
    generation++;
    for (const [c, state] of clients) if (!state.waiting) c.destroy();
  };
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    return s;
  };
  const proxy = {
    connections: 0,
  };

  const server: Server = createServer((client) => {
    track(client);
    const state = { waiting: false, answered: false, generation };
    clients.set(client, state);
    client.on('close', () => clients.delete(client));
    proxy.connections++;
    const fault = queued.shift() ?? current;
    if (fault.kind === 'drop') return void client.destroy();
    if (fault.kind === 'reset') return void client.once('data', () => client.resetAndDestroy());
    const upstream = track(connect(target.port, target.host));
    if (fault.kind === 'duplicate') {
      const twin = track(connect(target.port, target.host));
      twin.resume(); // its answer goes nowhere
      client.on('data', (chunk: Buffer) => twin.writable && twin.write(chunk));
      client.on('close', () => setTimeout(() => twin.destroy(), 2_000));
    }
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => upstream.destroy());
    const pause = fault.kind === 'delay' ? fault.ms : 0;
    upstream.on('close', () => (pause > 0 ? setTimeout(() => client.destroy(), pause + 5) : client.destroy()));
    const forward = (from: Socket, to: Socket, dir: 'to_server' | 'to_client') => {
      from.on('data', (chunk: Buffer) => {
        // A new request on a connection opened before the faults changed, or after a faulty one's
        // first answer: cut, so it goes on a new connection and meets the faults in force.
        if (dir === 'to_server' && !state.waiting && (state.generation !== generation || (state.answered && fault.kind !== 'pass'))) return void kill();
        state.waiting = dir === 'to_server';
        if (dir === 'to_client') state.answered = true;
        if (fault.kind === 'partition' && fault.direction === dir) return; // swallowed
        if (fault.kind === 'drop_response' && dir === 'to_client') return void kill();
        if (pause > 0) setTimeout(() => to.writable && to.write(chunk), pause);
        else if (to.writable) to.write(chunk);
      });
    };
    forward(client, upstream, 'to_server');
    forward(upstream, client, 'to_client');
    if (fault.kind === 'partition') setTimeout(kill, fault.ms);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    set(f: Fault) {
      cutOpenConnections();
      current = f;
    },
    queue(faults: Fault[], after?: Fault) {
      cutOpenConnections();
      queued = [...faults];
      if (after) current = after;
    },
    retarget(port: number) {
      target = { ...target, port };
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  });
}
