/**
 * The registry of built-in rules: an explicit list sorted by id (no registration by import side
 * effect). The meta-test checks the order and that every rule folder is listed here.
 */
import type { AnyRule } from '../core/rule.js';
import { rule as privilegedContainer } from './privileged-container/rule.js';

export const RULES: readonly AnyRule[] = [
  privilegedContainer,
];
