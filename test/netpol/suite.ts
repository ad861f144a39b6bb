/**
 * Reads netpol-analyzer's conformance suite (../shared/testdata/k8s/netpol-analyzer): its case
 * table and golden files, and runs each case through the SDK.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUITE = fileURLToPath(new URL('../../../shared/testdata/k8s/netpol-analyzer/', import.meta.url));
export const suitePresent = existsSync(path.join(SUITE, 'index.json'));

export interface ConnlistCase {
  readonly test_dir: string;
  readonly input_dir: string;
  readonly focus_workloads: readonly string[];
  readonly focus_workload_peers: readonly string[];
  readonly focus_direction: string;
  readonly focus_conn: string;
  readonly exposure_analysis: boolean;
  readonly multiple_networks: boolean;
  readonly expected: Partial<Record<'txt' | 'json' | 'csv', string>>;
}

export interface FatalCase {
  readonly name: string;
  readonly multiple_networks?: boolean;
  readonly input_dir: string;
  readonly error_substring: string | null;
  readonly error_expr: string;
}

export interface DiffCase {
  readonly ref1_dir: string;
  readonly ref2_dir: string;
  readonly multiple_networks: boolean;
  readonly expected: Partial<Record<'txt' | 'csv', string>>;
}

export interface SuiteIndex {
  readonly connlist_cases: readonly ConnlistCase[];
  readonly fatal_error_cases: readonly FatalCase[];
  readonly diff_cases: readonly DiffCase[];
}

export function readIndex(): SuiteIndex {
  return JSON.parse(readFileSync(path.join(SUITE, 'index.json'), 'utf8')) as SuiteIndex;
}

export function golden(relative: string): string {
  return readFileSync(path.join(SUITE, relative), 'utf8');
}

export function caseName(c: ConnlistCase): string {
  const parts = [c.test_dir];
  if (c.focus_workloads.length > 0) parts.push(`focus=${c.focus_workloads.join(',')}`);
  if (c.focus_workload_peers.length > 0) parts.push(`peers=${c.focus_workload_peers.join(',')}`);
  if (c.focus_direction !== '') parts.push(`direction=${c.focus_direction}`);
  if (c.focus_conn !== '') parts.push(`conn=${c.focus_conn}`);
  if (c.exposure_analysis) parts.push('exposure');
  if (c.multiple_networks) parts.push('multi-network');
  return parts.join(' ');
}
