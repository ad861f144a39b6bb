// `npm run bench`: every capability's benchmark, each in its own process (so each peak RSS is its
// own), printing throughput and peak memory against its floor and the targets. Timings
// are printed, never asserted. `npm run bench -- scan rbac` runs only the named ones.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { generateManifests } from './generate-manifests.mjs';

function child(script, ...args) {
  const out = execFileSync(process.execPath, [new URL(script, import.meta.url).pathname, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Runs a benchmark script that prints its own report. */
function printing(script, ...args) {
  execFileSync(process.execPath, [new URL(script, import.meta.url).pathname, ...args], { stdio: 'inherit' });
}

function scanBenchmark() {
  const dir = '.bench/manifests';
  const input = generateManifests(dir);
  console.log(`scan: ${input.resources} resources in ${input.files} files (${(input.bytes / 1e6).toFixed(1)} MB)`);
  const floor = child('./scan-child.mjs', 'floor', dir);
  const scan = child('./scan-child.mjs', 'scan', dir);
  const withoutAttack = child('./scan-child.mjs', 'scan-no-attack', dir);
  const withoutRules = child('./scan-child.mjs', 'scan-no-rules', dir);
  const ratio = scan.seconds / floor.seconds;
  const rate = scan.resources / scan.seconds;
  const verdict = (ok) => (ok ? 'ok' : 'MISSED');
  console.log(`  parse floor  ${floor.seconds.toFixed(2)} s   cpu ${floor.cpuSeconds.toFixed(2)} s   peak RSS ${floor.peakRssMb.toFixed(0)} MB`);
  console.log(`  full scan    ${scan.seconds.toFixed(2)} s   cpu ${scan.cpuSeconds.toFixed(2)} s   peak RSS ${scan.peakRssMb.toFixed(0)} MB   ${scan.findings} findings`);
  // Where the time goes: startup and loading (read, parse with positions), the rules, then
  // suppressions, attack paths and the report.
  const { loaded, ruled } = scan.phases;
  if (loaded !== undefined && ruled !== undefined) {
    console.log(`  phases       load ${loaded.toFixed(2)} s (${(loaded / floor.seconds).toFixed(2)} x the floor), rules ${(ruled - loaded).toFixed(2)} s, attack paths and report ${(scan.seconds - ruled).toFixed(2)} s`);
  }
  console.log(`  no attack    ${withoutAttack.seconds.toFixed(2)} s   peak RSS ${withoutAttack.peakRssMb.toFixed(0)} MB   (attack paths: +${(scan.seconds - withoutAttack.seconds).toFixed(2)} s, ${((100 * (scan.seconds - withoutAttack.seconds)) / scan.seconds).toFixed(0)}% of the scan)`);
  console.log(`  no rules     ${withoutRules.seconds.toFixed(2)} s   cpu ${withoutRules.cpuSeconds.toFixed(2)} s   peak RSS ${withoutRules.peakRssMb.toFixed(0)} MB   (${(withoutRules.seconds / floor.seconds).toFixed(2)} x the floor before any rule runs: start-up, loading with positions, index, report)`);
  console.log(`  ratio        ${ratio.toFixed(2)} (target <= 1.5: ${verdict(ratio <= 1.5)}), ${(scan.cpuSeconds / floor.cpuSeconds).toFixed(2)} in CPU time`);
  console.log(`  throughput   ${Math.round(rate)} resources/s (target >= 10000: ${verdict(rate >= 10000)})`);
  console.log(`  peak RSS     ${scan.peakRssMb.toFixed(0)} MB (target <= 500: ${verdict(scan.peakRssMb <= 500)})`);
}

const BENCHMARKS = {
  scan: scanBenchmark,
  rbac: () => printing('./rbac.mjs'),
  netpol: () => printing('./netpol.mjs'),
  vuln: () => printing('./vuln.mjs'),
  attack: () => printing('./attack.mjs'),
  image: () => printing('./image.mjs'),
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (!existsSync(new URL(name === 'scan' ? './scan-child.mjs' : `./${name}.mjs`, import.meta.url))) continue;
  console.log('');
  run();
}
