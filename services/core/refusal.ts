/**
 * A service's "no", in the domain's words: which rule refused and the facts to say why. It
 * knows nothing of the API, so a sync worker can call the services directly; each area's
 * handler file holds the one table turning its codes into API errors (services/handlers).
 */
export class Refusal<C extends string = string> extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly code: C,
    message: string = code,
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
  }
}

export const isRefusal = (e: unknown): e is Refusal => e instanceof Refusal;
