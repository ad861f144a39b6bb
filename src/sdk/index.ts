/**
 * The public API of palisade-security. The CLI is a thin layer over exactly these functions.
 */
export type * from '../model/index.js';
export { SEVERITIES, THREAT_IDS, REPORT_SCHEMA_VERSION } from '../model/index.js';
export { formatProblem, PalisadeError } from '../core/errors.js';
export { scan, type ScanOptions } from './scan.js';
export { FAIL_ON_VALUES, type FailOn } from './gate.js';
export { render, FORMATS } from './render.js';
export { listRules, findRule, ruleDoc, type RuleInfo } from './rules.js';
export { snapshot, type Snapshot, type SnapshotOptions } from './snapshot.js';
export { VERSION } from './version.js';
