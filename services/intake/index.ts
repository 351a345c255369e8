export { createIntakeService, type IntakeRefusalCode, type IntakeService, type IntakeRecord, type IntakeSummary, type Duplicate } from './intake-service';
export { createReferenceRepo, type ReferenceRepo, type ReferenceSnapshot } from './reference-repo';
export { ReferenceFileSchema, type ReferenceFile } from './reference-file';
export { createContextBuilder, type ContextBuilder } from './assessment-context';
export { macauDay, macauDayStart } from '../../domain/macau-day';
