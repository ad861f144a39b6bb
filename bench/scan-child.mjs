// One measured phase of the scan benchmark, in its own process so peak RSS is its own.
// argv: phase (floor | scan | scan-no-attack | scan-no-rules), directory. Prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [phase, dir] = process.argv.slice(2);
const started = performance.now();
const cpuBefore = process.cpuUsage();
let resources = 0;
let findings = 0;
/** Seconds from the start to the end of loading and of the rules, from the scan's progress events. */
const phases = {};
if (phase === 'floor') {
  // The floor: read the same files and parse them with the fastest plain YAML parser, no positions.
  const { parseFloor } = await import('../dist/lib/yaml/index.js');
  for (const name of readdirSync(dir).sort()) resources += parseFloor(readFileSync(join(dir, name), 'utf8')).length;
} else {
  const { scan } = await import('../dist/sdk/index.js');
  // scan-no-attack: the same scan without the attack-path analysis, to show what it costs.
  // scan-no-rules: neither rules nor attack paths (start-up, loading with positions, indexing,
  // the report): the part of the scan's time no rule can save.
  const settings = phase === 'scan' ? {} : { attackPathsEnabled: false };
  const excludeRules = phase === 'scan-no-rules' ? ['*'] : [];
  const at = () => (performance.now() - started) / 1000;
  const onProgress = (progress) => {
    if (progress.phase === 'rules') phases.loaded ??= at();
    if (progress.phase === 'report') phases.ruled ??= at();
  };
  const report = await scan({ paths: [dir], failOn: 'none', settings, excludeRules, onProgress });
  resources = report.summary.resources;
  findings = report.findings.length;
}
const seconds = (performance.now() - started) / 1000;
// CPU time of every thread: steadier than wall time on a busy machine.
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ phase, seconds, cpuSeconds, resources, findings, phases, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
