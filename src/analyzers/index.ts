/**
 * The package analyzers, listed explicitly and sorted by id (nothing registers itself by import).
 */
import type { Analyzer } from './analyzer.js';
import { apkAnalyzer } from './apk.js';
import { cargoAnalyzer } from './cargo.js';
import { cargoAuditableAnalyzer } from './cargo-auditable.js';
import { composerAnalyzer } from './composer.js';
import { dotnetAnalyzer } from './dotnet.js';
import { dpkgAnalyzer } from './dpkg.js';
import { gemAnalyzer } from './gem.js';
import { golangAnalyzer } from './golang.js';
import { javaAnalyzer } from './java.js';
import { npmLockAnalyzer, npmPackageAnalyzer } from './npm.js';
import { pythonAnalyzer } from './python.js';
import { rpmAnalyzer } from './rpm.js';

export const ANALYZERS: readonly Analyzer[] = [
  apkAnalyzer,
  cargoAnalyzer,
  cargoAuditableAnalyzer,
  composerAnalyzer,
  dotnetAnalyzer,
  dpkgAnalyzer,
  gemAnalyzer,
  golangAnalyzer,
  javaAnalyzer,
  npmLockAnalyzer,
  npmPackageAnalyzer,
  pythonAnalyzer,
  rpmAnalyzer,
];

export type { Analyzer, AnalyzerContext, FoundPackage } from './analyzer.js';
export { condenserFor, streamCondenserFor, takeInventory, wantedBy, type InventoryFiles, type InventoryInput } from './inventory.js';
export { detectOs, parseOsRelease } from './os-release.js';
export { purl } from './purl.js';
