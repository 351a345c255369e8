import { randomUUID } from 'node:crypto';

/**
 * The core's one source of time and of new ids. Everything in domain/, api/, services/ and
 * server/ takes a `Clock` from its deps instead of reading the machine's time (lint-enforced):
 * a second clock is how records once got stamped with the real date while a test's session ran
 * on another, and the suite failed on any later day.
 */
export type Clock = () => Date;

/** The machine's time: the only place outside tests where it is read. */
export const systemClock: Clock = () => new Date();

/** Ids for new records; a sync worker or a test may supply its own. */
export type IdGenerator = () => string;

export const randomIds: IdGenerator = () => randomUUID();

/** `clock` as ISO text, the form every stored timestamp takes. */
export const isoNow =
  (clock: Clock): (() => string) =>
  () =>
    clock().toISOString();
