import { z } from 'zod';

// Building blocks for contract schemas. Strings are always bounded: the renderer is untrusted.
export const text = (max: number) => z.string().max(max);
export const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export const isoTime = z.string().max(40);
export const empty = z.object({}).strict();

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}
