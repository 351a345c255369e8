// The scan thread: a worker thread inside the core's process that reads a sealed scan, decrypts
// and checks it, and — for an upload — sends a byte range of it to the central server itself.
// A 500 KB scan held by the core's thread cost the clerk's screen a major GC every few scans
// (external memory) and milliseconds of socket writes; here the bytes never enter the core's heap.
// The core decides every request (URL, method, offsets, signed headers: a tus body is not covered
// by the signature, its Content-Digest is '-'), and keeps all state in SQLite; this thread only
// carries bytes and hands back status, headers and the small answer body.
//
// The worker runs this source text (no imports of ours), so it needs no bundle entry of its own:
// the same code runs under tsx, vitest and the Electron core bundle (as inspect-off-thread.ts).
// Sealed file layout as services/store/attachments/blob-crypto.ts: "CDS1" | nonce | AES-256-GCM | tag.
// The TLS pin is checked as services/sync/http-link.ts pinnedConnection does, before a byte is written.
/** How much nicer than the core's thread the scan thread is, where threads have a nice value (Linux). */
export const SCAN_THREAD_NICENESS = 10;

export const SCAN_THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
const { createDecipheriv, createHash, X509Certificate } = require('node:crypto');
const http = require('node:http');
const https = require('node:https');
const tls = require('node:tls');

const fail = (code, message) => Object.assign(new Error(message), { code });

// Bulk work (decrypting, hashing and sending scans) yields the CPU to the core's thread, which
// serves the clerk's screen: on Linux a thread has its own nice value. Elsewhere it stays as it is.
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  const os = require('node:os');
  if (tid > 0) os.setPriority(tid, Math.min(19, os.getPriority(tid) + ${SCAN_THREAD_NICENESS}));
} catch {}

async function readScan(path, key, sha) {
  const file = await readFile(path);
  if (file.length < 32 || file.toString('latin1', 0, 4) !== 'CDS1') throw fail('corrupt', 'damaged header');
  const d = createDecipheriv('aes-256-gcm', Buffer.from(key, 'hex'), file.subarray(4, 16));
  d.setAAD(Buffer.from('blob:' + sha));
  d.setAuthTag(file.subarray(file.length - 16));
  let plain;
  try {
    plain = Buffer.concat([d.update(file.subarray(16, file.length - 16)), d.final()]);
  } catch {
    throw fail('corrupt', 'damaged or truncated');
  }
  if (createHash('sha256').update(plain).digest('hex') !== sha) throw fail('corrupt', 'does not match its hash');
  return plain;
}

const storeError = (id, e) => ({ id, error: { code: e.code === 'ENOENT' ? 'not_found' : e.code === 'corrupt' ? 'corrupt' : 'io', message: String(e.message) } });

// A scan larger than one chunk goes in several requests: its checked bytes are kept for the next
// one (a few scans, at most 64 MB, forgotten after a minute without uploads).
const recent = new Map();
let recentBytes = 0;
let forget;
async function scanBytes(m) {
  clearTimeout(forget);
  forget = setTimeout(() => (recent.clear(), (recentBytes = 0)), 60000);
  forget.unref();
  const hit = recent.get(m.sha);
  if (hit) return hit;
  const plain = await readScan(m.path, m.key, m.sha);
  if (plain.length !== m.size) throw fail('corrupt', 'is ' + plain.length + ' bytes, not the ' + m.size + ' recorded');
  recent.set(m.sha, plain);
  recentBytes += plain.length;
  while (recent.size > 1 && (recent.size > 4 || recentBytes > 64 * 1024 * 1024)) {
    const [oldest, bytes] = recent.entries().next().value;
    recent.delete(oldest);
    recentBytes -= bytes.length;
  }
  return plain;
}

function spkiOf(cert) {
  if (!cert || !cert.raw) return '';
  return createHash('sha256').update(new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

// Kept-alive connections to the enrolled server (one set; a new enrolment replaces it).
let pool = null;
function agentFor(p) {
  const key = p.baseUrl + '|' + (p.tlsPin || '');
  if (pool && pool.key === key) return pool.agent;
  if (pool) pool.agent.destroy();
  const url = new URL(p.baseUrl);
  const options = { keepAlive: true, maxSockets: p.maxSockets, maxFreeSockets: p.maxSockets, timeout: 30000, scheduling: 'lifo' };
  let agent;
  if (url.protocol === 'https:' && p.tlsPin) {
    const host = url.hostname.replace(/^\\[|\\]$/g, '');
    const isIp = /^[\\d.]+$/.test(host) || host.includes(':');
    agent = new https.Agent(options);
    // The pinned key is the trust anchor: the connection is checked before the request is written on it.
    agent.createConnection = (_opts, done) => {
      const socket = tls.connect({ host, port: Number(url.port || 443), ...(isIp ? {} : { servername: host }), rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
      let settled = false;
      const settle = (err) => {
        if (settled) return;
        settled = true;
        socket.setTimeout(0);
        if (err) socket.destroy();
        done(err, socket);
      };
      socket.setTimeout(p.connectTimeoutMs, () => settle(fail('network', 'no TLS handshake within ' + p.connectTimeoutMs + ' ms')));
      socket.once('secureConnect', () => {
        const got = spkiOf(socket.getPeerCertificate());
        settle(got === p.tlsPin ? null : fail('identity', 'server TLS key ' + got.slice(0, 12) + ' is not the one pinned at enrolment'));
      });
      socket.once('error', (e) => settle(fail('network', e.message)));
      return undefined;
    };
  } else {
    agent = url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
  }
  pool = { key, agent };
  return agent;
}

const requests = new Map();

async function send(m) {
  let bytes;
  try {
    bytes = await scanBytes(m);
  } catch (e) {
    return parentPort.postMessage(storeError(m.id, e));
  }
  if (m.aborted) return;
  const url = new URL(m.url);
  const isHttps = url.protocol === 'https:';
  let answered = false;
  let done = false;
  const finish = (answer) => {
    if (done) return;
    done = true;
    requests.delete(m.id);
    parentPort.postMessage(answer);
  };
  const failure = (kind, message) => finish({ id: m.id, failure: { kind, message } });
  let req;
  try {
    req = (isHttps ? https : http).request(url, { method: m.method, headers: m.headers, agent: agentFor(m.pool) }, (res) => {
      answered = true;
      const chunks = [];
      const peer = isHttps && res.socket.getPeerCertificate ? res.socket.getPeerCertificate() : undefined;
      const spki = peer && peer.raw ? spkiOf(peer) : undefined;
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const out = new Uint8Array(body);
        finish({ id: m.id, response: { status: res.statusCode || 0, headers: res.headers, body: out, ...(spki ? { spki } : {}) } });
      });
      res.on('error', (e) => failure('network', 'response broke off: ' + e.message));
      res.on('aborted', () => failure('network', 'response broke off'));
    });
  } catch (e) {
    return failure('network', String(e && e.message));
  }
  requests.set(m.id, req);
  req.setTimeout(m.timeoutMs, () => req.destroy(new Error('no answer within ' + m.timeoutMs + ' ms')));
  req.on('error', (e) => {
    if (e.code === 'identity') return failure('identity', e.message);
    // A kept-alive connection the server closed just as we wrote on it: the core signs the request again.
    if (req.reusedSocket && !answered && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) return failure('stale', e.message);
    failure('network', e.message);
  });
  req.end(bytes.subarray(m.start, m.end));
}

parentPort.on('message', async (m) => {
  if (m.type === 'abort') {
    const req = requests.get(m.id);
    requests.delete(m.id);
    if (req) req.destroy(new Error('aborted'));
    return;
  }
  if (m.type === 'close') {
    for (const req of requests.values()) req.destroy(new Error('aborted'));
    requests.clear();
    if (pool) pool.agent.destroy();
    pool = null;
    recent.clear();
    recentBytes = 0;
    return;
  }
  if (m.type === 'send') {
    requests.set(m.id, { destroy: () => (m.aborted = true) });
    return send(m);
  }
  try {
    const plain = await readScan(m.path, m.key, m.sha);
    const out = plain.byteOffset === 0 && plain.byteLength === plain.buffer.byteLength ? plain : Buffer.from(plain);
    parentPort.postMessage({ id: m.id, bytes: out }, [out.buffer]);
  } catch (e) {
    parentPort.postMessage(storeError(m.id, e));
  }
});
`;

/** Where the scan thread sends: the enrolled server and its pin (same pool settings as the core's). */
export interface ScanThreadPool {
  baseUrl: string;
  tlsPin: string | null;
  maxSockets: number;
  connectTimeoutMs: number;
}

export type ScanThreadRequest =
  | { type: 'read'; id: number; path: string; key: string; sha: string }
  | {
      type: 'send';
      id: number;
      path: string;
      key: string;
      sha: string;
      /** The scan's recorded size: a file that decrypts to another size is not sent. */
      size: number;
      start: number;
      end: number;
      url: string;
      method: string;
      headers: Record<string, string>;
      timeoutMs: number;
      pool: ScanThreadPool;
    }
  | { type: 'abort'; id: number }
  | { type: 'close' };

export type ScanThreadAnswer =
  | { id: number; bytes: Uint8Array }
  | { id: number; error: { code: 'not_found' | 'corrupt' | 'io'; message: string } }
  | { id: number; response: { status: number; headers: Record<string, string | string[] | undefined>; body: Uint8Array; spki?: string } }
  | { id: number; failure: { kind: 'network' | 'identity' | 'stale'; message: string } };
