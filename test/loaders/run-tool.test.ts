/** What a failed rendering tool says, as the user sees it in one problem line; and how it is run. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTool } from '../../src/loaders/run-tool.js';
import { hasHelm, writeUnder } from '../support/render-tools.js';

async function reasonFor(stderr: string): Promise<string | undefined> {
  const outcome = await runTool({ command: 'sh', args: ['-c', 'printf "%s" "$0" >&2; exit 1', stderr], file: 'overlay', cwd: '.', timeoutMs: 10_000, maxOutputBytes: 1024, installHint: '' });
  return outcome.ok ? undefined : outcome.problem.message;
}

describe('failed tools', () => {
  it('names the error of a multi-line klog message, not its header or "<"', async () => {
    const stderr = 'E1129 05:46:45.940712    9907 run.go:72] "command failed" err=<\n\taccumulating resources: accumulation err=\'accumulating resources from \'../base\': missing\'\n\t: exit status 128\n >\n';
    expect(await reasonFor(stderr)).toMatch(/` failed: accumulating resources: accumulation err='accumulating resources from '\.\.\/base': missing' : exit status 128$/);
  });

  it('keeps the end of a multi-line klog error, where kustomize says what to do', async () => {
    const stderr = 'E1129 09:32:30.403345   13538 run.go:72] "command failed" err=<\n\ttrouble configuring builtin HelmChartInflationGenerator with config: `\n\tname: misc\n\treleaseName: r\n\t`: must specify --enable-helm\n >\n';
    expect(await reasonFor(stderr)).toMatch(/failed: trouble configuring builtin HelmChartInflationGenerator with config: ` name: misc releaseName: r `: must specify --enable-helm$/);
    const long = `E1129 09:32:30.403345   13538 run.go:72] "command failed" err=<\n\tstart\n${'\txxxxxxxx\n'.repeat(80)}\tthe end\n >\n`;
    const reason = await reasonFor(long); // 800 bytes of stderr, under the 1024 the helper allows
    expect(reason).toMatch(/failed: start xxxxxxxx .* \.\.\. .*xxxxxxxx the end$/);
    expect(reason?.slice(reason.lastIndexOf('failed: ')).length).toBeLessThan(520); // the message also shows the command, which holds the text here
  });

  it('gives the details helm lists under an Error: line that ends in a colon (values schema failures)', async () => {
    const stderr = 'Error: values don\'t meet the specifications of the schema(s) in the following chart(s):\nmisc:\n- replicas: Invalid type. Expected: integer, given: string\n\nUse --debug flag\n';
    expect(await reasonFor(stderr)).toMatch(/failed: Error: values don't meet the specifications of the schema\(s\) in the following chart\(s\): misc: - replicas: Invalid type\. Expected: integer, given: string$/);
  });

  it('unquotes a one-line klog error and keeps other tools\' first line', async () => {
    expect(await reasonFor('E1129 05:31:36.427451   21809 run.go:72] "command failed" err="security; file \'/etc/passwd\' is not in or below \'/k\'"\n')).toMatch(/failed: security; file '\/etc\/passwd' is not in or below '\/k'$/);
    expect(await reasonFor('\nError: execution error at (bad/templates/x.yaml:1:3): boom\n')).toMatch(/failed: Error: execution error at \(bad\/templates\/x.yaml:1:3\): boom$/);
  });

  it('names helm\'s Error: line, not the warnings printed before it', async () => {
    const stderr = 'walk.go:75: found symbolic link in path: /c/templates/a.yaml resolves to /c/b.yaml. Contents of linked file included and used\nError: YAML parse error on c/templates/a.yaml: error converting YAML to JSON\n\nUse --debug flag to render out invalid YAML\n';
    expect(await reasonFor(stderr)).toMatch(/failed: Error: YAML parse error on c\/templates\/a.yaml: error converting YAML to JSON$/);
  });
});

describe('how tools are run', () => {
  it('passes arguments as they are, never parsed by a shell', async () => {
    const text = '$(touch /tmp/x) `id` "q" \'s\' ; | & * \\n';
    const outcome = await runTool({ command: 'printf', args: ['%s', text], file: 'x', cwd: '.', timeoutMs: 10_000, maxOutputBytes: 1024, installHint: '' });
    expect(outcome).toEqual({ ok: true, stdout: text });
  });

  it('tells every way Go reports running out of memory', async () => {
    for (const stderr of ['fatal error: runtime: out of memory\n\nruntime stack:\n', 'fatal error: out of memory allocating heap arena metadata\n']) {
      const outcome = await runTool({ command: 'sh', args: ['-c', 'printf "%s" "$0" >&2; exit 2', stderr], file: 'chart', cwd: '.', timeoutMs: 10_000, maxOutputBytes: 1024, installHint: '' });
      expect(outcome).toMatchObject({ ok: false, problem: { code: 'input-too-large', file: 'chart' } });
    }
  });

  it('says a tool is missing when it is', async () => {
    const outcome = await runTool({ command: 'palisade-no-such-tool', args: [], file: 'x', cwd: '.', timeoutMs: 10_000, maxOutputBytes: 1024, installHint: 'Install it.' });
    expect(outcome).toMatchObject({ ok: false, missing: true, problem: { code: 'tool-missing', hint: 'Install it.' } });
  });

  it.skipIf(!hasHelm || process.platform === 'win32')('stops a template that allocates without bound (a string doubled 27 times: 640 MB for helm 3.17)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-run-tool-'));
    try {
      writeUnder(dir, 'chart/Chart.yaml', 'apiVersion: v2\nname: doubling\nversion: 0.1.0\n');
      writeUnder(dir, 'chart/templates/cm.yaml', '{{- $s := "x" }}{{- range until 27 }}{{- $s = printf "%s%s" $s $s }}{{- end }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  length: "{{ len $s }}"\n');
      const outcome = await runTool({ command: 'helm', args: ['template', path.join(dir, 'chart')], file: 'chart', cwd: dir, timeoutMs: 60_000, maxOutputBytes: 1 << 20, installHint: '', maxMemoryBytes: 256 * 1024 * 1024 });
      expect(outcome).toMatchObject({ ok: false, missing: false, problem: { code: 'input-too-large', file: 'chart' } });
      if (!outcome.ok) expect(outcome.problem.message).toContain('needed more than the 256 MiB of memory it may use');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
