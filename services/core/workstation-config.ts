import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Which service point this workstation belongs to. Set once by the workstation
 * administrator; a later issue delivers it from the central API's reference data.
 * A fresh data folder gets a development placeholder with a random workstation id, so
 * that two development machines never issue the same application numbers.
 */
export const WorkstationConfigSchema = z
  .object({
    workstationId: z.string().regex(/^[A-Z0-9]{2,8}$/),
    servicePoint: z
      .object({
        code: z.string().regex(/^[A-Z0-9]{2,8}$/),
        nameZh: z.string().min(1).max(100),
        namePt: z.string().min(1).max(100),
      })
      .strict(),
    /** Folder the counter scanner saves into; its new files appear in the intake's scanner tray. */
    scannerFolder: z.string().min(1).max(1000).optional(),
  })
  .strict();
export type WorkstationConfig = z.infer<typeof WorkstationConfigSchema>;

export function loadOrCreateWorkstationConfig(dataDir: string): WorkstationConfig {
  const file = join(dataDir, 'workstation.json');
  if (existsSync(file)) {
    return WorkstationConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  }
  mkdirSync(dataDir, { recursive: true });
  const config: WorkstationConfig = {
    workstationId: `W${randomBytes(2).toString('hex').toUpperCase()}`,
    servicePoint: { code: 'DEV', nameZh: '開發測試服務點', namePt: 'Posto de atendimento de teste' },
  };
  writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
  return config;
}
