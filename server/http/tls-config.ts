import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// TLS for the reference server (docs/sync-protocol.md §2, §10). A deployment names its PEM
// certificate and key (COUNTERDESK_TLS_CERT / COUNTERDESK_TLS_KEY); a developer or a single
// service point without a certificate authority asks for a self-signed one
// (COUNTERDESK_TLS=dev-self-signed), made once with openssl and kept in the data directory so
// every restart keeps the key the workstations pinned. Either way the workstation pins the
// certificate's public key (SPKI) at enrolment, so a self-signed certificate is as safe as a
// CA-issued one once enrolled; what protects enrolment itself is the fingerprint the
// administrator reads out with the one-time code (`server:admin -- tls fingerprint`).

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** SHA-256 (hex) of the certificate's DER SubjectPublicKeyInfo: what workstations pin. */
  spkiSha256: string;
}

/** SHA-256 hex of a PEM certificate's SubjectPublicKeyInfo (the same value Node's `cert.pubkey` hashes to). */
export function spkiSha256(certPem: Buffer | string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export const DEV_TLS_MODE = 'dev-self-signed';

/** Make (once) and read a self-signed P-256 certificate for localhost in `<dataDir>/tls/`. */
export function devSelfSigned(dataDir: string, hosts: readonly string[] = ['localhost', '127.0.0.1']): TlsMaterial {
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'dev-cert.pem');
  const keyFile = join(dir, 'dev-key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '825',
        '-subj',
        '/CN=Counterdesk development server',
        '-addext',
        `subjectAltName=${san}`,
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    chmodSync(keyFile, 0o600);
  }
  const cert = readFileSync(certFile);
  return { cert, key: readFileSync(keyFile), spkiSha256: spkiSha256(cert) };
}

/** The TLS the environment asks for, or null for plain HTTP (loopback, or TLS terminated in front). */
export function tlsFromEnvironment(env: NodeJS.ProcessEnv, dataDir: string): TlsMaterial | null {
  const certFile = env['COUNTERDESK_TLS_CERT'];
  const keyFile = env['COUNTERDESK_TLS_KEY'];
  if (certFile || keyFile) {
    if (!certFile || !keyFile) throw new Error('COUNTERDESK_TLS_CERT and COUNTERDESK_TLS_KEY go together');
    const cert = readFileSync(certFile);
    return { cert, key: readFileSync(keyFile), spkiSha256: spkiSha256(cert) };
  }
  const mode = env['COUNTERDESK_TLS'];
  if (!mode) return null;
  if (mode !== DEV_TLS_MODE) throw new Error(`COUNTERDESK_TLS must be ${DEV_TLS_MODE} (or give COUNTERDESK_TLS_CERT and COUNTERDESK_TLS_KEY)`);
  return devSelfSigned(dataDir);
}
