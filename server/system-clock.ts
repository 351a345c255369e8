import type { Clock } from './db/types';

/** The machine's time: the server's only place outside tests where it is read (server/ may not import services/core/clock.ts). */
export const systemClock: Clock = () => new Date();
