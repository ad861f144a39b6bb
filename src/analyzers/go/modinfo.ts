/**
 * The module info text Go embeds (runtime/debug.BuildInfo's String form): tab-separated lines
 * `path P`, `mod PATH VERSION [SUM]` (the main module), `dep PATH VERSION [SUM]`, and `=> PATH
 * VERSION [SUM]` replacing the module on the line before; `build` lines carry settings.
 */

export interface GoModule {
  readonly path: string;
  readonly version: string;
  readonly sum?: string;
  /** The module actually built in place of this one (a replace directive). */
  readonly replace?: { readonly path: string; readonly version: string; readonly sum?: string };
}

export interface ModInfo {
  readonly path?: string;
  readonly main?: GoModule;
  readonly deps: readonly GoModule[];
  readonly settings: ReadonlyMap<string, string>;
}

export function parseModInfo(text: string): ModInfo {
  let path: string | undefined;
  let main: GoModule | undefined;
  const deps: GoModule[] = [];
  const settings = new Map<string, string>();
  // The module a following "=>" line replaces: the main module or the latest dep.
  let last: 'main' | 'dep' | undefined;
  for (const line of text.split('\n')) {
    const [kind, ...fields] = line.split('\t');
    if (kind === 'path' && fields[0] !== undefined) {
      path = fields[0];
    } else if ((kind === 'mod' || kind === 'dep') && fields[0] !== undefined && fields[0] !== '') {
      const module = moduleOf(fields);
      if (kind === 'mod') main = module;
      else deps.push(module);
      last = kind === 'mod' ? 'main' : 'dep';
    } else if (kind === '=>' && fields[0] !== undefined && last !== undefined) {
      const replace = { path: fields[0], version: fields[1] ?? '', ...(fields[2] === undefined || fields[2] === '' ? {} : { sum: fields[2] }) };
      if (last === 'main' && main !== undefined) main = { ...main, replace };
      const dep = deps.at(-1);
      if (last === 'dep' && dep !== undefined) deps[deps.length - 1] = { ...dep, replace };
      last = undefined;
    } else if (kind === 'build' && fields[0] !== undefined) {
      const eq = fields[0].indexOf('=');
      if (eq > 0) settings.set(fields[0].slice(0, eq), fields[0].slice(eq + 1));
    }
  }
  return { ...(path === undefined ? {} : { path }), ...(main === undefined ? {} : { main }), deps, settings };
}

function moduleOf(fields: readonly string[]): GoModule {
  const [path = '', version = '', sum] = fields;
  return { path, version, ...(sum === undefined || sum === '' ? {} : { sum }) };
}
