export {
  loadReference,
  referenceFingerprint,
  REF_TABLES,
  type LoadReferenceOptions,
  type LoadReferenceResult,
} from './load.js';
export { calendarCoverage, type CalendarCoverage } from './coverage.js';
export { DEFAULT_REFERENCE_DIR, REFERENCE_FILES } from './files.js';
