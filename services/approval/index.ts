export {
  createApprovalService,
  type ApprovalService,
  type ApprovalServiceDeps,
  type QueueItem,
  type ChecklistEntry,
  type DecisionInput,
  type DecisionResult,
  type BulkRefusal,
  type ApprovalRefusalCode,
} from './approval-service';
export { createApplicationAccess, type ApplicationAccess } from './application-access';
