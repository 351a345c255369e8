import type { CounterdeskApi } from '../../../api/client';
import type { Method } from '../../../api/contract';

/**
 * One area's calls, typed from the joined contract: the same client as `api`, narrowed, so
 * screens import only what they call and no area casts the client to a hand-written type.
 */
export type AreaClient<C> = Pick<CounterdeskApi, Extract<keyof C, Method>>;
