import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { z } from 'zod';
import { ROLE_VALUES, ServicePointSchema, StaffNumberSchema } from '../../api/sync/common';
import { ReferenceEntityChangeSchema, StaffLoginChangeSchema } from '../../api/sync/pull';
import { readServerPublicKey } from '../crypto/server-keys';
import { connectDatabase, serverDataDir } from '../db/connect';
import { tlsFromEnvironment } from '../http/tls-config';
import { migrate } from '../db/migrate';
import { systemClock } from '../system-clock';
import {
  AdminError,
  addServicePoint,
  createUser,
  importReference,
  issueEnrolmentCode,
  newEpoch,
  resetPassword,
  revokeWorkstation,
  setUserActive,
} from './administration';
import { listSettings, requireSessionsOnFirstEnrolment, setPublishedSetting } from './published-settings';

// `npm run server:admin -- <command>`: one line out, exit code 0 on success.
const USAGE = `usage: npm run server:admin -- <command>
  service-point add <CODE> <name> [--name-zh <name>] [--name-pt <name>]   the names its receipts print (default <name>)
  workstation enrol <SERVICE-POINT> <CODE>      prints a one-time enrolment code (24 h)
  workstation revoke <SERVICE-POINT>-<CODE>
  user add <staff-number> --name <name> --roles clerk,supervisor --service-points SP01[,SP02]   password from COUNTERDESK_PASSWORD or stdin
  user deactivate|activate <staff-number>
  user reset-password <staff-number>            password from COUNTERDESK_PASSWORD or stdin
  reference import <file.json>                  { entities: [...], staffLogins: [...] } as for reference:import
  setting set <key> <json-value>                e.g. retention.scanDays 30, receipts.english false, sync.sessionRequired true (every workstation gets it by pull)
  setting list
  epoch new                                     after a restore from backup: workstations resnapshot
  tls fingerprint                               the server's TLS key (SPKI SHA-256) to read out with enrolment codes
  server key                                    the server's signing key, for machine.json's centralServerPublicKey
  migrate`;

const ReferenceFileSchema = z
  .object({
    entities: z.array(ReferenceEntityChangeSchema.extend({ registrationNumbers: z.array(z.string().min(1).max(40)).max(10).default([]) })).max(500_000),
    staffLogins: z.array(StaffLoginChangeSchema).max(2_000_000).default([]),
    // Workstation keys come from enrolment now; accepted in the file and ignored.
    workstationKeys: z.array(z.unknown()).optional(),
  })
  .strict();

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The key file the nodes read (server/main.ts): COUNTERDESK_SERVER_KEY_FILE, else in the data directory. */
const serverKeyFile = (): string => process.env['COUNTERDESK_SERVER_KEY_FILE'] ?? join(serverDataDir(), 'server-keys.json');

function password(): string {
  const fromEnv = process.env['COUNTERDESK_PASSWORD'];
  if (fromEnv) return fromEnv;
  return readFileSync(0, 'utf8').split('\n')[0] ?? '';
}

async function run(args: string[]): Promise<string> {
  const [area, verb, a, b] = args;
  const { url, embedded } = await connectDatabase(() => undefined);
  const sql = postgres(url, { max: 2, onnotice: () => undefined });
  const now = systemClock;
  try {
    await migrate(sql, now);
    switch (`${area} ${verb}`) {
      case 'service-point add': {
        const [zh, pt] = [option(args, '--name-zh'), option(args, '--name-pt')];
        await addServicePoint(sql, now, ServicePointSchema.parse(a), b ?? a ?? '', { ...(zh ? { zh } : {}), ...(pt ? { pt } : {}) });
        return `service point ${a} saved`;
      }
      case 'workstation enrol': {
        const r = await issueEnrolmentCode(sql, now, ServicePointSchema.parse(a), b ?? '');
        const sessions = (await requireSessionsOnFirstEnrolment(sql, now))
          ? '; people sign in to this server through their workstation from now on (setting sync.sessionRequired = true; set it false to turn off)'
          : '';
        const tls = tlsFromEnvironment(process.env, serverDataDir());
        const key = readServerPublicKey(serverKeyFile());
        return `enrolment code for ${r.workstationId}: ${r.code} (valid until ${r.expiresAt.toISOString()}, once)${key ? `; server key ${key}` : ''}${tls ? `; server TLS key ${tls.spkiSha256}` : ''}${sessions}`;
      }
      case 'tls fingerprint': {
        const tls = tlsFromEnvironment(process.env, serverDataDir());
        return tls ? tls.spkiSha256 : 'no TLS configured (COUNTERDESK_TLS_CERT/COUNTERDESK_TLS_KEY or COUNTERDESK_TLS=dev-self-signed)';
      }
      case 'server key': {
        // Issue 12 item 2: what an OS administrator pins in machine.json, read out of band.
        const key = readServerPublicKey(serverKeyFile());
        if (!key)
          throw new AdminError(
            `no server key at ${serverKeyFile()} yet: start the server once (npm run server), or set COUNTERDESK_SERVER_KEY_FILE to the nodes' key file`,
          );
        return key;
      }
      case 'workstation revoke':
        await revokeWorkstation(sql, now, a ?? '');
        return `workstation ${a} revoked`;
      case 'user add': {
        const roles = z
          .array(z.enum(ROLE_VALUES))
          .min(1)
          .parse((option(args, '--roles') ?? '').split(','));
        const servicePoints = z
          .array(ServicePointSchema)
          .min(1)
          .parse((option(args, '--service-points') ?? '').split(','));
        await createUser(sql, now, {
          staffNumber: StaffNumberSchema.parse(a),
          displayName: option(args, '--name') ?? a ?? '',
          roles,
          servicePoints,
          password: password(),
        });
        return `user ${a} saved`;
      }
      case 'user deactivate':
      case 'user activate':
        await setUserActive(sql, now, a ?? '', verb === 'activate');
        return `user ${a} ${verb}d`;
      case 'user reset-password':
        await resetPassword(sql, now, a ?? '', password());
        return `password of ${a} reset`;
      case 'reference import': {
        const data = ReferenceFileSchema.parse(JSON.parse(readFileSync(a ?? '', 'utf8')));
        const r = await importReference(sql, now, data);
        return `imported ${r.entities} entities and ${r.staffLogins} staff logins`;
      }
      case 'setting set': {
        let value: unknown;
        try {
          value = JSON.parse(b ?? '');
        } catch {
          throw new AdminError(`the value is JSON (a number, true/false or "text"): ${b ?? ''}`);
        }
        await setPublishedSetting(sql, now, a ?? '', value);
        return `setting ${a} = ${JSON.stringify(value)} published`;
      }
      case 'setting list':
        return (await listSettings(sql)).map((r) => `${r.key} = ${JSON.stringify(r.value)}${r.published ? '' : ' (server only)'}`).join('\n') || 'no settings';
      case 'epoch new':
        return `new epoch ${await newEpoch(sql)}`;
      case 'migrate':
        return 'migrations applied';
      default:
        throw new AdminError(USAGE);
    }
  } finally {
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  }
}

run(process.argv.slice(2)).then(
  (line) => console.log(line),
  (e: unknown) => {
    const msg =
      e instanceof z.ZodError
        ? `invalid input: ${e.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`
        : e instanceof Error
          ? e.message
          : String(e);
    console.error(msg);
    process.exit(1);
  },
);
