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
      const setting = buildSetting(fields[0]);
      if (setting !== undefined) settings.set(setting[0], setting[1]);
    }
  }
  return { ...(path === undefined ? {} : { path }), ...(main === undefined ? {} : { main }), deps, settings };
}

/**
 * A `build` line's KEY=VALUE. Go quotes a key or value holding spaces, quotes or other special
 * characters with strconv.Quote (-ldflags="-X \"main.version=1.2.3\""), so a quoted part is
 * unquoted; one that does not unquote is left out rather than misread.
 */
function buildSetting(text: string): [string, string] | undefined {
  const key = /^"(?:[^"\\]|\\.)*"/.exec(text)?.[0] ?? text.slice(0, Math.max(0, text.indexOf('=')));
  if (key === '' || text[key.length] !== '=') return undefined;
  const value = text.slice(key.length + 1);
  const unquotedKey = key.startsWith('"') ? unquoteGo(key) : key;
  const unquotedValue = value.startsWith('"') ? unquoteGo(value) : value;
  return unquotedKey === undefined || unquotedValue === undefined ? undefined : [unquotedKey, unquotedValue];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** The inverse of Go's strconv.Quote: "\"…\"" with \n, \xNN, \uNNNN, \UNNNNNNNN and octal escapes. */
export function unquoteGo(quoted: string): string | undefined {
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) return undefined;
  const bytes: number[] = [];
  const body = quoted.slice(1, -1);
  for (let i = 0; i < body.length;) {
    const c = body[i] ?? '';
    if (c === '"') return undefined;
    if (c !== '\\') {
      const point = body.codePointAt(i) ?? 0;
      bytes.push(...Buffer.from(String.fromCodePoint(point)));
      i += point > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      bytes.push(simple.charCodeAt(0));
      i += 2;
    } else if (e === 'x' || /[0-7]/.test(e)) {
      // \xNN and \NNN are single bytes (strconv.Quote writes invalid UTF-8 as \xNN).
      const digits = e === 'x' ? body.slice(i + 2, i + 4) : body.slice(i + 1, i + 4);
      if (!(e === 'x' ? /^[0-9a-fA-F]{2}$/ : /^[0-7]{3}$/).test(digits)) return undefined;
      const byte = Number.parseInt(digits, e === 'x' ? 16 : 8);
      if (byte > 0xff) return undefined;
      bytes.push(byte);
      i += 4;
    } else if (e === 'u' || e === 'U') {
      const length = e === 'u' ? 4 : 8;
      const digits = body.slice(i + 2, i + 2 + length);
      const point = /^[0-9a-fA-F]+$/.test(digits) && digits.length === length ? Number.parseInt(digits, 16) : Number.NaN;
      if (!(point <= 0x10ffff) || (point >= 0xd800 && point <= 0xdfff)) return undefined;
      bytes.push(...Buffer.from(String.fromCodePoint(point)));
      i += 2 + length;
    } else {
      return undefined;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function moduleOf(fields: readonly string[]): GoModule {
  const [path = '', version = '', sum] = fields;
  return { path, version, ...(sum === undefined || sum === '' ? {} : { sum }) };
}
