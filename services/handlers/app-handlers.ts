import type { Handlers } from '../../api/dispatch';
import type { CoreDeps } from '../core/core-deps';

export function createAppHandlers({ store, config, version }: CoreDeps): Pick<Handlers, 'app.info'> {
  return {
    'app.info': (_input, ctx) => {
      let database: { state: 'ok' | 'error'; userVersion: number; encrypted: boolean };
      try {
        const h = store.health();
        database = { state: h.integrity === 'ok' ? 'ok' : 'error', userVersion: h.userVersion, encrypted: h.encrypted };
      } catch {
        database = { state: 'error', userVersion: 0, encrypted: false };
      }
      return {
        version,
        transport: ctx.transport,
        servicePoint: config.servicePoint,
        workstationId: config.workstationId,
        database,
        // The central API and its sync arrive in a later issue; until then say so plainly.
        sync: { state: 'not_configured', pending: 0 },
      };
    },
  };
}
