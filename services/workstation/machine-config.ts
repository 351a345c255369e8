import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { join, win32 } from 'node:path';
import { z } from 'zod';

/**
 * Machine-wide configuration (issue 12 item 2): what no workstation administrator may change
 * from inside the app. The OS administrator writes it (or the installer / packaging does); the
 * app only reads it, and refuses one the app itself could write.
 *
 * - `enrolmentAuthorityKey`: the authority whose signed enrolment files this workstation
 *   imports (base64 of the raw 32-byte Ed25519 key). Pinned here, never in the database.
 * - `setupCodeSha256`: SHA-256 (hex) of the one-time first-run setup code the installer
 *   showed; whoever reaches a fresh workstation first does not become its administrator
 *   without it.
 * - `centralServerPublicKey` / `centralServerTlsSpkiSha256`: the central server this machine may
 *   enrol with — its signing key (base64url of the raw Ed25519 key, the `serverPublicKey` its
 *   enrolment answers carry) and/or its TLS key fingerprint (SPKI SHA-256, hex, as
 *   `server:admin -- tls fingerprint` prints it; colons and spaces ignored). Enrolment refuses a server that presents another key (services/sync/enrolment.ts),
 *   whatever address or fingerprint the workstation administrator types.
 */
export const MACHINE_CONFIG_FORMAT = 'counterdesk-machine/1';

export const MachineConfigSchema = z
  .object({
    format: z.literal(MACHINE_CONFIG_FORMAT),
    enrolmentAuthorityKey: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of a raw 32-byte Ed25519 key')
      .optional(),
    setupCodeSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    centralServerPublicKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'base64url of a raw 32-byte Ed25519 key')
      .optional(),
    centralServerTlsSpkiSha256: z
      .string()
      .max(120)
      .transform((f) => f.replace(/[\s:]/g, '').toLowerCase())
      .pipe(z.string().regex(/^[0-9a-f]{64}$/))
      .optional(),
  })
  .strict();
export type MachineConfig = z.infer<typeof MachineConfigSchema>;

/** Where the machine configuration was looked for, and what was found there. */
export interface MachinePolicy {
  path: string;
  /** absent: no file (nothing pinned); invalid / writable: the file is not trusted, nothing in it counts. */
  state: 'ok' | 'absent' | 'invalid' | 'writable';
  config: MachineConfig | null;
}

/** The per-platform location only an OS administrator can write (README, "Machine-wide configuration"). */
export function machineConfigPath(platform: NodeJS.Platform = process.platform, env: Record<string, string | undefined> = process.env): string {
  if (platform === 'win32') return win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Counterdesk', 'machine.json');
  if (platform === 'darwin') return join('/Library', 'Application Support', 'Counterdesk', 'machine.json');
  return join('/etc', 'counterdesk', 'machine.json');
}

/**
 * Reads the machine configuration. A file the app's own OS user may write is refused when
 * `requireReadOnly` (the installed app): whoever runs the app could otherwise pin their own
 * key. A malformed file pins nothing and trusts nothing (it does not fall back to "open").
 */
export function readMachinePolicy(path: string, opts: { requireReadOnly: boolean }): MachinePolicy {
  let text: string;
  try {
    if (!statSync(path).isFile()) return { path, state: 'invalid', config: null };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { path, state: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'invalid', config: null };
  }
  if (opts.requireReadOnly && writableByUs(path)) return { path, state: 'writable', config: null };
  try {
    const parsed = MachineConfigSchema.safeParse(JSON.parse(text));
    return parsed.success ? { path, state: 'ok', config: parsed.data } : { path, state: 'invalid', config: null };
  } catch {
    return { path, state: 'invalid', config: null };
  }
}

function writableByUs(path: string): boolean {
  // root can write anything: the check only means something for the ordinary user the app runs as.
  if (typeof process.getuid === 'function' && process.getuid() === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Codes are typed by people: case, spaces and dashes do not matter. */
export const normaliseSetupCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export const setupCodeHash = (code: string): string => createHash('sha256').update(normaliseSetupCode(code), 'utf8').digest('hex');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time setup code of 16 Crockford base32 characters (80 bits), shown as XXXX-XXXX-XXXX-XXXX. */
export function newSetupCode(): string {
  const chars = [...randomBytes(16)].map((b) => CROCKFORD[b % 32]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** Constant-time comparison of a typed code against the expected hash. */
export function setupCodeMatches(typed: string, expectedSha256: string): boolean {
  const a = Buffer.from(setupCodeHash(typed), 'hex');
  const b = Buffer.from(expectedSha256, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where the person setting a workstation up finds its one-time code. */
export type SetupCodeSource = 'machine_config' | 'start_console' | 'unavailable';

/** The central server pinned by the machine configuration: enrolment refuses one with other keys. */
export interface PinnedServer {
  publicKey: string | null;
  tlsSpkiSha256: string | null;
}

/** What auth and enrolment trust, from the machine configuration only (never from the database). */
export interface TrustAnchors {
  enrolmentAuthorityKey: string | null;
  /** Null: no code can set this workstation up. */
  setupCodeSha256: string | null;
  setupCodeSource: SetupCodeSource;
  machineConfig: { path: string; state: MachinePolicy['state'] };
  /**
   * Null: no central server pinned here (enrolment trusts what the administrator types).
   * 'untrusted': a machine configuration is there but not trusted (malformed, writable by the app):
   * it may have meant to pin one, so no enrolment at all rather than an unpinned one.
   */
  centralServer?: PinnedServer | 'untrusted' | null;
}

function pinnedServerOf(policy: MachinePolicy): PinnedServer | 'untrusted' | null {
  if (policy.state === 'invalid' || policy.state === 'writable') return 'untrusted';
  const config = policy.config;
  if (!config?.centralServerPublicKey && !config?.centralServerTlsSpkiSha256) return null;
  return { publicKey: config.centralServerPublicKey ?? null, tlsSpkiSha256: config.centralServerTlsSpkiSha256 ?? null };
}

/**
 * The anchors for one run of the core. Without a setup code in the machine configuration, a
 * development run (harness, unpackaged app: `allowStartConsoleCode`) makes a fresh code for
 * this run and the transport prints it where only whoever started the core sees it; the
 * installed app has no such fallback. A configuration that is present but not trusted
 * (malformed, writable by the app) pins nothing and allows no set-up at all.
 */
export function trustAnchorsFrom(policy: MachinePolicy, opts: { allowStartConsoleCode: boolean }): { trust: TrustAnchors; startConsoleCode: string | null } {
  const machineConfig = { path: policy.path, state: policy.state };
  const pinned = policy.config;
  const centralServer = pinnedServerOf(policy);
  if (pinned?.setupCodeSha256) {
    return {
      trust: {
        enrolmentAuthorityKey: pinned.enrolmentAuthorityKey ?? null,
        setupCodeSha256: pinned.setupCodeSha256,
        setupCodeSource: 'machine_config',
        machineConfig,
        centralServer,
      },
      startConsoleCode: null,
    };
  }
  const trusted = policy.state === 'ok' || policy.state === 'absent';
  const code = trusted && opts.allowStartConsoleCode ? newSetupCode() : null;
  return {
    trust: {
      enrolmentAuthorityKey: pinned?.enrolmentAuthorityKey ?? null,
      setupCodeSha256: code ? setupCodeHash(code) : null,
      setupCodeSource: code ? 'start_console' : 'unavailable',
      machineConfig,
      centralServer,
    },
    startConsoleCode: code,
  };
}

/** Nothing pinned and no set-up possible: what a core built without a machine configuration trusts. */
export const NO_TRUST_ANCHORS: TrustAnchors = {
  enrolmentAuthorityKey: null,
  setupCodeSha256: null,
  setupCodeSource: 'unavailable',
  machineConfig: { path: '', state: 'absent' },
};
