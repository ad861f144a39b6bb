/** Network findings decided by the netpol engine, shared by the network rules of a scan. */
export { builtScanNetpol, scanNetpol, ScanNetpol, type WorkloadEndpoint } from './scan-analysis.js';
export { isolationOf, type Isolation, type Direction } from './isolation.js';
export { internetEgress, PUBLIC_IPV4, type InternetEgress, type OpeningRule } from './internet-egress.js';
export { sensitivityOf, databaseImage, CROWN_JEWEL_LABEL, type CrownJewelSelector, type SensitivityOptions } from './sensitive.js';
export { exposedWorkloads, type ExposedWorkload } from './exposed.js';
export { PolicyUsage, type DeadPeer } from './policy-usage.js';
export { ShadowAnalysis, SHADOW_BUDGET, type ShadowedRule, type ShadowVerdict } from './shadowed.js';
