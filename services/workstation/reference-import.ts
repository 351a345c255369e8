import type { SignedInUser } from '../auth';
import { Refusal } from '../core/refusal';
import { ReferenceFileSchema, type ReferenceRepo } from '../intake';
import type { Store } from '../store';

/** Why an import was refused: the file is not JSON, or not a reference file (nothing was written). */
export type ReferenceImportRefusalCode = 'reference_invalid';

export interface ReferenceImportDeps {
  store: Store;
  /** The core's warm reference repo: importing through it refreshes what intake checks against. */
  reference: ReferenceRepo;
  requireAdmin(): SignedInUser;
}

/**
 * The administrator's reference-data import from the Settings screen (issue 13, item 2): the
 * same file and the same all-or-nothing rule as `npm run reference:import` (scripts/store-cli.ts).
 */
export function createReferenceImport(deps: ReferenceImportDeps) {
  return {
    importReference(input: { fileName: string; content: string }) {
      const admin = deps.requireAdmin();
      let json: unknown;
      try {
        json = JSON.parse(input.content);
      } catch (e) {
        throw new Refusal('reference_invalid', 'Not JSON', { detail: (e as Error).message.slice(0, 200) });
      }
      const parsed = ReferenceFileSchema.safeParse(json);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new Refusal('reference_invalid', 'Not a reference file', {
          detail: `${first?.path.join('.') || '(file)'}: ${first?.message ?? ''}`.slice(0, 200),
        });
      }
      return deps.store.db.transaction(() => {
        const result = deps.reference.importFile(parsed.data);
        deps.store.audit.append({ actor: admin.actor, action: 'reference_import', details: { file: input.fileName, ...result } });
        return result;
      })();
    },
  };
}
