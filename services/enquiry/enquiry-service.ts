import type { EnquiryAnswer, EnquiryResult } from '../../api/contracts/enquiry-contract';
import type { Change } from '../../api/sync/pull';
import type { SearchResult } from '../../api/sync/search';
import { isTooShort, matchedOn } from '../../domain/search-match';
import { ENQUIRY_ROLES, type ApplicationAccess } from '../approval/application-access';
import { Refusal } from '../core/refusal';
import type { SignedInUser } from '../auth';
import { createApplicationRepository } from '../intake/application-repository';
import type { ApplicationRecord, Store } from '../store';
import { SyncCallError } from '../sync/http-link';
import type { ServerSearch } from './server-search';

// The public enquiry at any counter (issue 15). Online, the central server answers for the
// whole service point; offline (or not enrolled), this workstation answers from what it took in
// and what it pulled for its service point, and says so with the time of its last pull. Who may
// ask and what they see: services/approval/application-access.ts `mayEnquire`.

type PulledApplication = NonNullable<Extract<Change, { kind: 'application' }>['data']>;

export interface EnquiryDeps {
  store: Store;
  /** The signed-in clerk or supervisor (auth's refusal for anyone else). */
  user(): SignedInUser;
  access: Pick<ApplicationAccess, 'mayEnquire'>;
  servicePoint: string;
  displayNameOf(actor: string): string;
  /** The central server's search; absent on a workstation built without sync. */
  remote?: ServerSearch;
  clock: () => Date;
}

const MAX_RESULTS = 20;
const staffOf = (actor: string) => actor.replace(/^staff:/, '');

export function createEnquiryService(deps: EnquiryDeps) {
  const { store } = deps;
  const documents = createApplicationRepository(store);
  const pulled = store.db.prepare<[], { body: string }>("SELECT body FROM sync_pulled WHERE kind = 'application'");
  const lastPull = store.db.prepare<[], { value: string }>("SELECT value FROM sync_state WHERE key = 'pull.at'");

  /** "陳文職 (C0101)" for someone this workstation knows, else the staff number alone. */
  const named = (h: { actor: string }) => {
    const staff = staffOf(h.actor);
    const name = deps.displayNameOf(`staff:${staff}`);
    return { actor: staff, actorName: name === `staff:${staff}` ? staff : name };
  };

  const fromServer = (r: SearchResult): EnquiryResult => ({
    recordId: r.recordId,
    applicationNumber: r.applicationNumber,
    servicePoint: r.servicePoint,
    workstationId: r.workstationId,
    kind: r.kind,
    status: r.status,
    entityNames: r.entityNames,
    matchedOn: r.matchedOn,
    updatedAt: r.updatedAt,
    history: r.history.map((h) => ({ ...h, ...named(h) })),
  });

  const fromPulled = (query: string, p: PulledApplication): EnquiryResult => ({
    ...fromServer({
      recordId: p.recordId,
      applicationNumber: p.applicationNumber,
      servicePoint: p.servicePoint,
      workstationId: p.workstationId,
      kind: p.kind,
      status: p.status,
      version: p.version,
      entityNames: p.application.entity.names,
      matchedOn: matchedOn(query, p.applicationNumber, p.application),
      updatedAt: p.history.at(-1)?.at ?? '',
      // Codes only, as the server's search answers: notes are free text that may name people.
      history: p.history.map(({ status, at, actor, workstationId, decision, reasonCode }) => ({
        status,
        at,
        actor,
        workstationId,
        ...(decision ? { decision } : {}),
        ...(reasonCode ? { reasonCode } : {}),
      })),
    }),
  });

  const fromLocal = (query: string, rec: ApplicationRecord): EnquiryResult | null => {
    const app = documents.readableApplicationOf(rec);
    if (!app || rec.applicationNumber === null) return null;
    const names = app.entity.names;
    return {
      recordId: rec.id,
      applicationNumber: rec.applicationNumber,
      servicePoint: deps.servicePoint,
      workstationId: rec.workstationId,
      kind: rec.kind,
      status: rec.status,
      entityNames: { ...(names.zh ? { zh: names.zh } : {}), ...(names.pt ? { pt: names.pt } : {}), ...(names.en ? { en: names.en } : {}) },
      matchedOn: matchedOn(query, rec.applicationNumber, app),
      updatedAt: rec.updatedAt,
      history: rec.statusHistory
        .filter((h) => h.status !== 'draft')
        .map((h) => ({ status: h.status, at: h.at, workstationId: rec.workstationId, ...named(h) })),
    };
  };

  /** What this workstation holds: its own applications (current), then what it pulled for its service point. */
  const answerHere = (query: string, me: SignedInUser): { results: EnquiryResult[]; more: boolean } => {
    const byId = new Map<string, EnquiryResult>();
    for (const s of store.applications.search(query, 100)) {
      const rec = store.applications.get(s.id);
      if (!rec || !deps.access.mayEnquire(rec, me)) continue;
      const r = fromLocal(query, rec);
      if (r) byId.set(r.recordId, r);
    }
    for (const row of pulled.iterate()) {
      const p = JSON.parse(row.body) as PulledApplication;
      if (byId.has(p.recordId) || p.servicePoint !== deps.servicePoint || p.status === 'draft') continue;
      if (matchedOn(query, p.applicationNumber, p.application).length === 0) continue;
      byId.set(p.recordId, fromPulled(query, p));
    }
    const all = [...byId.values()].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    return { results: all.slice(0, MAX_RESULTS), more: all.length > MAX_RESULTS };
  };

  const audit = (me: SignedInUser, answer: EnquiryAnswer) => {
    // Who looked up which applications, and where the answer came from; never the query (it may be an ID number).
    store.audit.append({
      actor: me.actor,
      action: 'enquiry',
      ...(answer.results.length === 1 ? { subjectId: answer.results[0]!.recordId } : {}),
      details: { source: answer.source, count: answer.results.length, applicationNumbers: answer.results.map((r) => r.applicationNumber) },
    });
    return answer;
  };

  return {
    async find(query: string): Promise<EnquiryAnswer> {
      const me = deps.user();
      // Checked here, not only for what this workstation holds: the server's answer is per service point, not per person.
      if (!me.roles.some((r) => ENQUIRY_ROLES.includes(r))) throw new Refusal('forbidden', 'Only a clerk or supervisor answers enquiries');
      if (isTooShort(query)) return { source: 'workstation', asOf: null, serverUnavailable: null, results: [], more: false, tooShort: true };
      let serverUnavailable: EnquiryAnswer['serverUnavailable'] = 'not_enrolled';
      if (deps.remote) {
        try {
          const res = await deps.remote.search(query);
          if (res) {
            const results = res.results.filter((r) => r.servicePoint === deps.servicePoint).map(fromServer);
            return audit(me, { source: 'server', asOf: res.serverTime, serverUnavailable: null, results, more: res.more, tooShort: res.tooShort });
          }
        } catch (e) {
          if (!(e instanceof SyncCallError)) throw e;
          serverUnavailable = e.kind === 'refused' ? 'refused' : 'unreachable';
        }
      }
      const here = answerHere(query, me);
      return audit(me, { source: 'workstation', asOf: lastPull.get()?.value ?? null, serverUnavailable, ...here, tooShort: false });
    },
  };
}

export type EnquiryService = ReturnType<typeof createEnquiryService>;
