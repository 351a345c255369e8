import type { historyContract } from '../../api/contracts/history-contract';
import type { Handlers } from '../../api/dispatch';
import type { SessionRefusalCode } from '../auth';
import type { CoreServices } from '../core/core-deps';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';

const HISTORY_REFUSALS: RefusalTable<'not_found' | SessionRefusalCode> = {
  ...SESSION_REFUSALS,
  not_found: { code: 'not_found', key: 'api.error.notFound' },
};

// Typed from the joined contract's parsed output (as intake is): the summary key is narrowed
// to a catalog key there, which AreaHandlers (the output's input shape) would not require.
export function createHistoryHandlers({ history }: Pick<CoreServices, 'history'>): Pick<Handlers, keyof typeof historyContract> {
  return mappingRefusals(HISTORY_REFUSALS, {
    'applications.history': ({ id }) => ({ entries: history.of(id) }),
  });
}
