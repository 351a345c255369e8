import type { z } from 'zod';
import { appContract } from './contracts/app-contract';
import { authContract } from './contracts/auth-contract';
import { approvalContract } from './contracts/approval-contract';
import { attachmentContract } from './contracts/attachment-contract';
import { intakeContract } from './contracts/intake-contract';
import { receiptContract } from './contracts/receipt-contract';
import { historyContract } from './contracts/history-contract';
import { securityCodeContract } from './contracts/security-code-contract';
import { usersContract } from './contracts/users-contract';
import { syncContract } from './contracts/sync-contract';
import { servicePointContract } from './contracts/service-point-contract';
import { workstationContract } from './contracts/workstation-contract';
import { enquiryContract } from './contracts/enquiry-contract';

export { AppInfoSchema } from './contracts/app-contract';

/**
 * The one contract between the renderer (untrusted) and the main process. Every call has a
 * zod schema for its input and its output; both transports (Electron IPC and the harness's
 * loopback HTTP) go through the same dispatcher, so validation cannot differ between them.
 *
 * Each area declares its calls in `api/contracts/<area>-contract.ts`; this file only joins
 * them. Inputs are strict objects with bounded strings: the renderer may be compromised,
 * and a 50 MB "name" must be refused at the door, not by SQLite.
 */
export const contract = {
  ...appContract,
  ...authContract,
  ...approvalContract,
  ...attachmentContract,
  ...intakeContract,
  ...receiptContract,
  ...historyContract,
  ...securityCodeContract,
  ...usersContract,
  ...syncContract,
  ...servicePointContract,
  ...workstationContract,
  ...enquiryContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const METHODS = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
