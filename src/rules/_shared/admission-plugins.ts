/**
 * The API server's admission plugin flags. `--enable-admission-plugins` adds to the default set and
 * the deprecated `--admission-control` replaces it (kube-apiserver refuses the two together); both
 * are slices, so repeated occurrences append.
 */
import type { FlagOccurrence } from './component-flags.js';
import type { ComponentInvocation } from './control-plane.js';

export interface AdmissionPluginFlags {
  /** Plugins named in --enable-admission-plugins or --admission-control. */
  readonly enabled: readonly string[];
  /** Plugins named in --disable-admission-plugins. */
  readonly disabled: readonly string[];
  /** Where a finding about the enabled list points: its last occurrence, or the flag list when absent. */
  readonly enabledPath: string;
  /** The last --disable-admission-plugins occurrence, if any. */
  readonly disabledFlag: FlagOccurrence | undefined;
}

export function admissionPlugins(apiserver: ComponentInvocation): AdmissionPluginFlags {
  const enabledFlag = apiserver.flags.last('enable-admission-plugins') ?? apiserver.flags.last('admission-control');
  return {
    enabled: [...apiserver.flags.values('enable-admission-plugins'), ...apiserver.flags.values('admission-control')],
    disabled: apiserver.flags.values('disable-admission-plugins'),
    enabledPath: enabledFlag === undefined ? apiserver.flagsPath : apiserver.argPath(enabledFlag),
    disabledFlag: apiserver.flags.last('disable-admission-plugins'),
  };
}
