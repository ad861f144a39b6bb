/** What a failed rendering tool says, as the user sees it in one problem line. */
import { describe, expect, it } from 'vitest';
import { runTool } from '../../src/loaders/run-tool.js';

async function reasonFor(stderr: string): Promise<string | undefined> {
  const outcome = await runTool({ command: 'sh', args: ['-c', 'printf "%s" "$0" >&2; exit 1', stderr], file: 'overlay', cwd: '.', timeoutMs: 10_000, maxOutputBytes: 1024, installHint: '' });
  return outcome.ok ? undefined : outcome.problem.message;
}

describe('failed tools', () => {
  it('names the error of a multi-line klog message, not its header or "<"', async () => {
    const stderr = 'E1129 05:46:45.940712    9907 run.go:72] "command failed" err=<\n\taccumulating resources: accumulation err=\'accumulating resources from \'../base\': missing\'\n\t: exit status 128\n >\n';
    expect(await reasonFor(stderr)).toMatch(/` failed: accumulating resources: accumulation err='accumulating resources from '\.\.\/base': missing'$/);
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
