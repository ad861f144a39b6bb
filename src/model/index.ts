export * from './finding.js';
export * from './k8s.js';
export * from './problem.js';
export * from './report.js';
export * from './resource.js';
export * from './severity.js';
export * from './source.js';
export * from './threats.js';
