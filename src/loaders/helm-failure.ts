/**
 * Where a chart that helm refused to render went wrong, as the user names it. helm names the
 * template that failed, and mostly the line and column in it: `required` and `fail` ("execution
 * error at (web/templates/x.yaml:4:11): ..."), template errors ("template:
 * web/templates/x.yaml:1:13: executing ..."), syntax errors ("parse error at
 * (web/templates/x.yaml:1): ...") and YAML the template produced ("YAML parse error on
 * web/templates/x.yaml: ..."). A values file that is no YAML (an alias bomb included: "excessive
 * aliasing") is named too: a file given with --values ("failed to parse /abs/prod.yaml: ... yaml:
 * line 3: ..."), or a file of the chart or of a subchart ("error unpacking subchart db in web:
 * cannot load values.yaml: ... line 2"). The problem is placed there, as a finding would be.
 */
import path from 'node:path';
import type { Problem } from '../model/problem.js';

const HELM_ERROR_PLACE = /(?:at \(|template: |YAML parse error on )([^\s:()]+)(?::(\d+))?(?::(\d+))?/;
/** The chart's own files helm parses before rendering, and the subcharts it was unpacking. */
const CHART_FILE = /((?:error unpacking (?:subchart )?[^\s:]+ in [^\s:]+: )*)cannot load ([\w.-]+\.(?:yaml|lock))\b/;
const YAML_LINE = /\byaml: line (\d+):/;

export function locateFailure(failed: Problem, shownAs: string, valuesFiles: readonly string[], cwd: string): Problem {
  if (failed.code !== 'render-failed') return failed;
  return placeInTemplate(failed, shownAs) ?? placeInValues(failed, valuesFiles, cwd) ?? placeInChartFile(failed, shownAs) ?? failed;
}

function placeInTemplate(failed: Problem, shownAs: string): Problem | undefined {
  const match = HELM_ERROR_PLACE.exec(failed.message);
  const file = match?.[1] === undefined ? undefined : fileInChart(match[1], shownAs);
  if (match === null || file === undefined) return undefined;
  const line = match[2] === undefined ? undefined : Number(match[2]);
  // Go's text/template counts columns from 0 (`{{ fail "x" }}` at the start of a line is 1:3).
  const column = match[3] === undefined ? undefined : Number(match[3]) + 1;
  return { ...failed, file, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) };
}

/** A --values file helm could not parse, named as the user gave it (Palisade passes it resolved). */
function placeInValues(failed: Problem, valuesFiles: readonly string[], cwd: string): Problem | undefined {
  const file = valuesFiles.find((given) => failed.message.includes(`failed to parse ${path.resolve(cwd, given)}: `));
  return file === undefined ? undefined : { ...failed, file, ...yamlLine(failed.message) };
}

function placeInChartFile(failed: Problem, shownAs: string): Problem | undefined {
  const match = CHART_FILE.exec(failed.message);
  if (match?.[2] === undefined) return undefined;
  const subcharts = [...(match[1] ?? '').matchAll(/error unpacking (?:subchart )?([^\s:]+) in /g)].flatMap((m) => ['charts', m[1] ?? '']);
  if (subcharts.some((segment) => segment === '' || segment === '..')) return undefined;
  return { ...failed, file: path.join(shownAs, ...subcharts, match[2]), ...yamlLine(failed.message) };
}

function yamlLine(message: string): { line?: number } {
  const line = YAML_LINE.exec(message)?.[1];
  return line === undefined ? {} : { line: Number(line) };
}

/**
 * A path as helm prints it (`chart/templates/x.yaml`, a subchart's `chart/charts/sub/...`) as the
 * user names it: the first segment is the chart's name, which stands for the chart directory.
 */
export function fileInChart(source: string, shownAs: string): string | undefined {
  const inChart = source.split('/').slice(1).join('/');
  if (inChart === '' || inChart.split('/').includes('..')) return undefined;
  return path.join(shownAs, inChart);
}
