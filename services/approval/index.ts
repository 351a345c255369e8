export { createApprovalService, type ApprovalService, type ApprovalServiceDeps, type QueueItem, type ChecklistEntry, type DecisionInput, type DecisionResult } from './approval-service';
