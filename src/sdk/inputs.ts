/**
 * The inputs every analysis command reads the same way (files, directories, charts, overlays,
 * stdin, a live cluster), and how they become the loader's options.
 */
import type { InputLimits, LoadOptions } from '../core/loader.js';

export interface InputOptions {
  readonly paths?: readonly string[];
  readonly cluster?: { readonly kubeconfig?: string; readonly context?: string };
  readonly helmValues?: readonly string[];
  readonly helmSet?: readonly string[];
  readonly cwd?: string;
  readonly stdin?: NodeJS.ReadableStream;
}

export function loadOptionsOf(options: InputOptions, limits?: Partial<InputLimits>): LoadOptions {
  const { helmValues, helmSet } = options;
  return {
    paths: options.paths ?? [],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.cluster === undefined ? {} : { cluster: options.cluster }),
    ...(helmValues === undefined && helmSet === undefined ? {} : { helm: { ...(helmValues === undefined ? {} : { valuesFiles: helmValues }), ...(helmSet === undefined ? {} : { set: helmSet }) } }),
    ...(limits === undefined ? {} : { limits }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  };
}
