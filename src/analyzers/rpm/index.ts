/** Reading rpm databases: the analyzer's entry points (rpm.ts). */
export { condenseRpmDatabase } from './condense.js';
export { isRpmDatabasePath, readRpmDatabase, RPM_DATABASE_PATHS, type SkippedRecord, WAL_SUFFIX } from './database.js';
export type { RpmPackageInfo } from './package-info.js';
export { readRpmManifest, RPM_MANIFEST } from './manifest.js';
