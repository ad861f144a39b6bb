/** The attack graph: paths from entry points to crown jewels and the cheapest fixes that cut them all. */
export { analyzeAttackGraph, analyzeAttackPaths, type AttackAnalysis, type AttackOptions } from './analyze.js';
export { applyFixes, strategicMerge, type FixedInput } from './apply.js';
export { buildAttackGraph, type AttackInput, type BuiltGraph } from './build.js';
export { minimalCut, solveHittingSet, type CutBudget } from './cut.js';
export { FIX_COSTS } from './fixes.js';
export { AttackGraph, type Edge, type FixCandidate } from './graph.js';
export { CONFIGURED, CROWN_JEWEL_LABEL, DEFAULT_ENTRIES, DEFAULT_JEWELS, type JewelSelector } from './select.js';
export { attackPathsTable } from './text.js';
export { attackGraphDot } from './render/dot.js';
