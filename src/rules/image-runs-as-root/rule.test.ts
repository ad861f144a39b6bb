import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-runs-as-root', () => {
  it('points at the USER line, and only warns when the base image decides', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-user-root.Dockerfile', 'fail/fail-no-user.Dockerfile', 'fail/fail-uid-zero.Dockerfile']);
    expect(findingsFor(scan, 'fail-user-root.Dockerfile').map((f) => [f.status, f.message, f.location.line])).toEqual([
      ['fail', 'the final stage switches to USER root (line 4), so the image runs as root', 4],
    ]);
    expect(findingsFor(scan, 'fail-no-user.Dockerfile').map((f) => f.status)).toEqual(['warn']);
    expect(findingsFor(scan, 'fail-uid-zero.Dockerfile').map((f) => f.status)).toEqual(['fail']);
    const fromArg = await scanFixtures(rule, ['fail/fail-user-from-arg.Dockerfile']);
    expect(findingsFor(fromArg, 'fail-user-from-arg.Dockerfile').map((f) => f.message)).toEqual(['the final stage switches to USER ${RUN_AS} (0) (line 3), so the image runs as root']);
  });
  it('takes an empty user (a variable nobody set) as root, and numeric aliases of uid 0', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-user-unset-variable.Dockerfile', 'fail/fail-user-build-arg-without-default.Dockerfile', 'pass/pass-user-variable-default.Dockerfile']);
    expect(findingsFor(scan, 'fail-user-unset-variable.Dockerfile').map((f) => [f.status, f.message, f.location.line])).toEqual([
      ['fail', 'the final stage switches to USER $APP_USER (line 7), which is empty because no ARG or ENV sets APP_USER, so the image runs as root', 7],
    ]);
    expect(findingsFor(scan, 'fail-user-build-arg-without-default.Dockerfile').map((f) => [f.status, f.message])).toEqual([
      ['warn', 'the final stage switches to USER ${APP_UID} (line 5), which is empty unless the build is given --build-arg APP_UID=... (ARG without a default), so the image runs as root'],
    ]);
    expect(findingsFor(scan, 'pass-user-variable-default.Dockerfile')).toEqual([]);
    const global = await scanFixtures(rule, ['fail/fail-user-global-arg-not-redeclared.Dockerfile']);
    expect(findingsFor(global, 'fail-user-global-arg-not-redeclared.Dockerfile').map((f) => [f.status, f.message])).toEqual([
      ['fail', 'the final stage switches to USER $APP_USER (line 5), which is empty: a global ARG (APP_USER, before the first FROM) is not seen inside a stage that does not declare it again (ARG APP_USER), so the image runs as root'],
    ]);
    const image = await scanFixtures(rule, ['fail/image-config.yaml', 'pass/pass-image-config.yaml']);
    expect(findingsFor(image, 'fail-image-uid-zero-padded').map((f) => f.message)).toEqual(['the image runs as root (User "00:1000")']);
    expect(findingsFor(image, 'pass-image-group-root')).toEqual([]);
  });
  it('judges Windows images by their administrator account, not by root', async () => {
    const image = await scanFixtures(rule, ['fail/image-config.yaml', 'pass/pass-image-config.yaml', 'fail/fail-user-windows-administrator.Dockerfile']);
    expect(findingsFor(image, 'fail-windows-image-no-user').map((f) => f.message)).toEqual(['the Windows image sets no user, so its containers run as ContainerAdministrator, the container\'s administrator']);
    expect(findingsFor(image, 'fail-windows-image-administrator').map((f) => [f.message, f.location.path])).toEqual([['the Windows image runs as its administrator (User "ContainerAdministrator")', '/config/User']]);
    expect(findingsFor(image, 'pass-windows-container-user')).toEqual([]);
    expect(findingsFor(image, 'fail-user-windows-administrator.Dockerfile').map((f) => [f.status, f.message, f.location.line])).toEqual([
      ['fail', 'the final stage switches to USER ContainerAdministrator (line 4), the administrator of a Windows container', 4],
    ]);
  });
  it('knows an account the build gave uid 0 under another name (useradd -o -u 0)', async () => {
    const scan = await scanFixtures(rule, ['fail/fail-user-uid-zero-alias.Dockerfile', 'pass/pass-created-user.Dockerfile']);
    expect(findingsFor(scan, 'fail-user-uid-zero-alias.Dockerfile').map((f) => [f.status, f.message, f.location.line])).toEqual([
      ['fail', 'the final stage switches to USER svc (line 4), an account the RUN on line 3 gave uid 0, so the image runs as root under another name', 4],
    ]);
    expect(findingsFor(scan, 'pass-created-user.Dockerfile')).toEqual([]);
    const line = await scanFixtures(rule, ['fail/fail-user-passwd-line.Dockerfile']);
    expect(findingsFor(line, 'fail-user-passwd-line.Dockerfile').map((f) => f.message)).toEqual([
      'the final stage switches to USER ops (line 4), an account the RUN on line 3 gave uid 0, so the image runs as root under another name',
    ]);
  });
  it('reads an image history for the account its User names being given uid 0', async () => {
    const scan = await scanFixtures(rule, ['fail/image-config.yaml']);
    expect(findingsFor(scan, 'fail-image-user-uid-zero-alias').map((f) => [f.message, f.location.path])).toEqual([
      ['the image runs as User "svc", which history step 2 gave uid 0, so it runs as root under another name', '/config/User'],
    ]);
    expect(findingsFor(scan, 'fail-image-user-passwd-line').map((f) => f.message)).toEqual([
      'the image runs as User "ops:ops", which history step 1 gave uid 0, so it runs as root under another name',
    ]);
    expect(findingsFor(scan, 'pass-image-user-created')).toEqual([]);
  });
});
