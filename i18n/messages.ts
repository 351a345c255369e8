import { zhHant } from './zh-Hant';

export type MessageKey = keyof typeof zhHant;
/** Every language has exactly the keys of the Traditional Chinese file. */
export type Messages = Record<MessageKey, string>;
