/**
 * The public API of palisade-security. The CLI is a thin layer over exactly these functions.
 */
export type * from '../model/index.js';
export { SEVERITIES, THREAT_IDS, REPORT_SCHEMA_VERSION } from '../model/index.js';
export { formatProblem, PalisadeError, problem, PROBLEMS, type ProblemCode } from '../core/errors.js';
export { scan, type ScanOptions, type ScanProgress } from './scan.js';
export { FAIL_ON_VALUES, type FailOn } from '../config/index.js';
export { render, renderChunks, FORMATS } from './render.js';
export { listRules, findRule, ruleDoc, type RuleInfo } from './rules.js';
export { complianceOf, frameworkInfo, listFrameworks, type FrameworkControlInfo, type FrameworkInfo } from './compliance.js';
export { snapshot, type Snapshot, type SnapshotOptions } from './snapshot.js';
export { CONFIG_SETTINGS, resolvedConfigText, type ConfigSetting, type ConfigPrintOptions } from './config.js';
export { canI, escalationGraphText, escalationPaths, loadRbac, permissions, rbacModelOf, rbacPods, suggestFromAuditLog, suggestionManifests, toSubject, whoCan, RBAC_PATH_TARGETS, type SuggestAnswer, type Suggestion, type CanIAnswer, type EscalationGraph, type EscalationPath, type GrantChain, type PathsQuery, type PermissionsAnswer, type PodBlastRadius, type RbacLoadOptions, type RbacModel, type RbacPathTarget, type RequestQuery, type ScopePermissions, type WhoCanAnswer } from './rbac.js';
export { VERSION } from './version.js';
export { scanImage, vulnerabilitySbom, type ImageScanOptions, type ImageScanResult, type VulnerabilitySbomOptions } from './image-scan.js';
export { imageFindings, imageResource, type ImageFindings, type ImageFindingsOptions } from './image-scan-findings.js';
export { dockerfileRuleIds, lintDockerfiles, lintDockerfileText, type DockerfileLintOptions, type DockerfileTextOptions, type DockerfileTextResult } from './dockerfile.js';
export { imageConfigResource, imageFactsOf, IMAGE_CONFIG_KIND, type ImageFacts, type PackageCache, type SetuidFile } from '../loaders/image-config/index.js';
export { inventoryImage, renderSbom, SBOM_FORMATS, type InventoryOptions, type InventoryResult, type SbomFormat, type SbomRenderOptions } from './image.js';
export {
  compareVersions,
  satisfies,
  isValidVersion,
  ECOSYSTEMS,
  InvalidRangeError,
  InvalidVersionError,
  UnsupportedEcosystemError,
  type Ecosystem,
  type VersionOptions,
} from '../lib/versions/index.js';
export { cvss, InvalidCvssVectorError, type CvssScore, type CvssSeverity, type CvssVersion } from '../vuln/cvss/index.js';
export { netpolList, netpolDiff, netpolEval, parsePortSpec, NETPOL_LIST_FORMATS, NETPOL_DIFF_FORMATS, NETPOL_PALISADE_FORMATS, type NetpolPalisadeFormat, type NetpolListFormat, type NetpolDiffFormat, type NetpolListOptions, type NetpolDiffOptions, type NetpolEvalOptions, type NetpolOutput } from './netpol.js';
export { netpolGenerate, NETPOL_GENERATED_FROM_ANNOTATION, type NetpolGenerateOptions, type NetpolGenerateOutput, type GeneratedNetworkPolicy } from './netpol-generate.js';
export { applyVex, dbImport, dbPath, dbStatus, dbUpdate, loadVex, matchVulnerabilities, parseVex, type VexDocument, type VexStatement, type VexStatus, type DbImportOptions, type DbOptions, type DbUpdateOptions, type DistroRelease, type DownloadProgress, type Fix, type ImportResult, type MatchablePackage, type MatchEvidence, type MatchedPackage, type MatchResult, type MatchVulnerabilitiesOptions, type ScoredVector, type SeveritySource, type SourceStatus, type StoreStatus, type UpdateResult, type VulnerabilityMatch, type VulnSeverity } from './vuln.js';
export { attackPaths, renderAttackPaths, readVulnerabilities, analyzeAttackPaths, applyFixes, ATTACK_PATHS_FORMATS, ATTACK_PATHS_SCHEMA_VERSION, type AttackPathsFormat, type AttackPathsOptions, type AttackPathsAnswer, type AttackPathsResult, type AttackPath, type AttackStep, type AttackFix, type AttackNode, type AttackCut, type ImageVulnerabilities, type AttackInput, type AttackOptions } from './attack-paths.js';
export { attackGraphDot, type DotOptions as AttackGraphDotOptions } from '../graph/attack/render/dot.js';
export { assessRisk, riskLevel, riskScore, type RiskGraph } from '../graph/attack/risk.js';
export { attackPathsOptionProblems, dbUpdateOptionProblems, dockerfileOptionProblems, holdsHelmChart, imageScanOptionProblems, netpolOptionProblems, rbacQueryProblems, scanOptionProblems, scansImages, vulnerabilitySbomOptionProblems } from './validate-options.js';
