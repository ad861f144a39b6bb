// `npm run bench`: every capability's benchmark, each printing throughput and peak memory against
// its floor and the targets. Timings are printed, never asserted.
import { execFileSync } from 'node:child_process';
import { generateManifests } from './generate-manifests.mjs';

function child(script, ...args) {
  const out = execFileSync(process.execPath, [new URL(script, import.meta.url).pathname, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

function scanBenchmark() {
  const dir = '.bench/manifests';
  const input = generateManifests(dir);
  console.log(`scan: ${input.resources} resources in ${input.files} files (${(input.bytes / 1e6).toFixed(1)} MB)`);
  const floor = child('./scan-child.mjs', 'floor', dir);
  const scan = child('./scan-child.mjs', 'scan', dir);
  const ratio = scan.seconds / floor.seconds;
  const rate = scan.resources / scan.seconds;
  const verdict = (ok) => (ok ? 'ok' : 'MISSED');
  console.log(`  parse floor  ${floor.seconds.toFixed(2)} s   peak RSS ${floor.peakRssMb.toFixed(0)} MB`);
  console.log(`  full scan    ${scan.seconds.toFixed(2)} s   peak RSS ${scan.peakRssMb.toFixed(0)} MB   ${scan.findings} findings`);
  console.log(`  ratio        ${ratio.toFixed(2)} (target <= 1.5: ${verdict(ratio <= 1.5)})`);
  console.log(`  throughput   ${Math.round(rate)} resources/s (target >= 10000: ${verdict(rate >= 10000)})`);
  console.log(`  peak RSS     ${scan.peakRssMb.toFixed(0)} MB (target <= 500: ${verdict(scan.peakRssMb <= 500)})`);
}

scanBenchmark();
