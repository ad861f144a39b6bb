import { describe, expect, it } from 'vitest';
import { redact } from '../../redact.js';
import { scanText } from '../scan.js';
import { GENERIC_RULES } from './generic.js';

/** Rule ids found in `text` read as the file at `path` (only the generic rules). */
function found(text: string, path?: string): string[] {
  return scanText(text, GENERIC_RULES, undefined, { path }).map((m) => `${m.rule.id} ${m.redacted}`);
}

describe('secret-assignment by file syntax', () => {
  it('reads unquoted values in configuration files, and values with spaces in quotes', () => {
    expect(found('[client]\npassword = Tr0ub4dor&3\n', '/etc/mysql/debian.cnf')).toEqual([`secret-assignment ${redact('Tr0ub4dor&3')}`]);
    expect(found('DB_PASSWORD=s3cr3t-Value\n', '/app/.env')).toEqual([`secret-assignment ${redact('s3cr3t-Value')}`]);
    expect(found('ENV DB_PASSWORD=s3cr3t-Value', 'Dockerfile')).toEqual([`secret-assignment ${redact('s3cr3t-Value')}`]);
    expect(found('RUN mysql --password=$(cat /run/secrets/db)', 'Dockerfile')).toEqual([]);
    expect(found('password = "correct horse battery staple"', '/etc/app.conf')).toEqual([`secret-assignment ${redact('correct horse battery staple')}`]);
  });

  it('takes only quoted literals in code, and only double quotes in C', () => {
    expect(found('password = s3cr3tValue9', 'app.py')).toEqual([]);
    expect(found('password = "s3cr3tValue9"', 'app.py')).toEqual([`secret-assignment ${redact('s3cr3tValue9')}`]);
    expect(found("password = 's3cr3tValue9';", 'main.c')).toEqual([]);
    expect(found('char password[] = "s3cr3tValue9";', 'main.c')).toEqual([`secret-assignment ${redact('s3cr3tValue9')}`]);
    // No path: quotes required, as in code.
    expect(found('password: s3cr3tValue9')).toEqual([]);
  });

  it('does not report code that reads a secret, variables, templates or placeholders', () => {
    for (const line of ['password = get_password()', 'password = os.environ["DB_PASSWORD"]', 'password = ${DB_PASSWORD}', 'password: <redacted>',
      'password = {{ .Values.password }}', 'password = %(db_password)s', 'password = settings.database.password', 'password = changeme123']) {
      expect(found(line, '/etc/app.conf'), line).toEqual([]);
    }
  });

  it('does not report settings named like secrets', () => {
    for (const line of ['passwd:         files systemd', 'password required pam_unix.so obscure sha512', 'PASS_MAX_DAYS\t99999',
      'password_file = /run/secrets/db', 'secretName: db-credentials', 'PermitEmptyPasswords no', 'bypass = Z9xq-w1ll-pass', 'public_key = Z9xq-w1ll-pass']) {
      expect(found(line, '/etc/app.conf'), line).toEqual([]);
    }
  });

  it('does not report configure values, command substitutions or paths (Debian perl-base)', () => {
    expect(found("d_grpasswd='define'\ni_pwd='undef'", '/usr/lib/x86_64-linux-gnu/perl-base/Config_heavy.pl')).toEqual([]);
    for (const line of ['my $pwd = `cmd /c cd`;', 'chomp($pwd = `command /c cd`);', 'my $pwd = `/usr/bin/fullpath -t`;']) {
      expect(found(line, '/usr/lib/x86_64-linux-gnu/perl-base/Cwd.pm'), line).toEqual([]);
      expect(found(line.replace('my ', ''), '/usr/local/bin/setup.sh'), line).toEqual([]);
    }
    // In JavaScript a backtick quotes a string: a literal password there is still reported.
    expect(found('const password = `Zq9-w8xv!`;', 'app.js')).toEqual([`secret-assignment ${redact('Zq9-w8xv!')}`]);
  });

  it('reads comparisons with a literal in either order', () => {
    expect(found('if (api_key == "Zq9-w8xv!") {', 'app.js')).toEqual([`secret-assignment ${redact('Zq9-w8xv!')}`]);
    expect(found('if ("Zq9-w8xv!" === password) {', 'app.js')).toEqual([`secret-assignment ${redact('Zq9-w8xv!')}`]);
  });

  it('reads a publisher\'s password (public names are public, not every name starting with "pub")', () => {
    expect(found('publisher_password = Z9xq-w1ll!', '/etc/app.conf')).toEqual([`secret-assignment ${redact('Z9xq-w1ll!')}`]);
  });

  it("reads a secret named by a call's first argument and given by its second (wp-config.php's define)", () => {
    const password = 'Tq8#vLm2Zx9!pRw4';
    const salt = 'k#9Lm2@Qv7!xZr4Tp8Wn3Bf6Hj1Gd5Ae0Yu7Io4|x>Y;q,W+e2R^t';
    expect(found(`define( 'DB_PASSWORD', '${password}' );`, '/var/www/html/wp-config.php')).toEqual([`secret-assignment ${redact(password)}`]);
    expect(found(`define('AUTH_KEY',         '${salt}');`, '/var/www/html/wp-config.php')).toEqual([`secret-assignment ${redact(salt)}`]);
    expect(found(`os.environ.setdefault("DJANGO_SECRET_KEY", "${password}")`, '/app/settings.py')).toEqual([`secret-assignment ${redact(password)}`]);
    expect(found(`setenv("DB_PASSWORD", "${password}", 1);`, '/app/main.c')).toEqual([`secret-assignment ${redact(password)}`]);
    // Labels, names, module paths, references and placeholders are not values.
    for (const line of [
      "t('password', 'Mot de passe')",
      'MovedAttribute("HTTPPasswordMgr", "urllib2", "urllib.request"),',
      "            ('OAUTH2_CLIENT_SECRET', 'oauth2ClientSecret'),",
      "define( 'DB_PASSWORD', getenv('DB_PASSWORD') );",
      "define( 'AUTH_KEY', 'put your unique phrase here' );",
      "$form->add('password', 'PasswordType');",
      "['password', 'Tq8#vLm2Zx9!pRw4']",
    ]) expect(found(line, '/srv/app/src/x.php'), line).toEqual([]);
  });

  it('skips translations, whose values are labels', () => {
    expect(found('password: "Mot de passe"', '/app/config/locales/fr.yml')).toEqual([]);
  });
});

describe('generic-secret-assignment', () => {
  it('reports long random values under credential names, not references or identifiers', () => {
    expect(found('export API_TOKEN=Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB')).toEqual([`generic-secret-assignment ${redact('Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB')}`]);
    expect(found('<apiToken>\n  Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB\n</apiToken>')).toEqual([`generic-secret-assignment ${redact('Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB')}`]);
    expect(found('secret_length = X25519.secret_length_in_bytes')).toEqual([]);
    expect(found('publicToken = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"')).toEqual([]);
    expect(found('GITHUB_API_KEY=\nOTHER=Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB')).toEqual([]);
    // A Docker config's "auth" (base64 of user:password), but not an author or an OAuth name.
    const auth = Buffer.from('deploy:s3cr3t-pass').toString('base64');
    expect(found(`{"auths":{"registry.internal:5000":{"auth":"${auth}"}}}`, '/root/.docker/config.json')).toEqual([`generic-secret-assignment ${redact(auth)}`]);
    expect(found(`Author: ${auth}\noauth = ${auth}`)).toEqual([]);
    // Names and paths, not values: a generated client's type map, a package's exports, an option.
    expect(found('  "AuthenticationV1TokenRequest": AuthenticationV1TokenRequest,', '/app/dist/models/ObjectSerializer.js')).toEqual([]);
    expect(found('"./lib/tokenize": "./lib/tokenize.js",', '/app/package.json')).toEqual([]);
    expect(found('"build": "wasm-opt --pass-arg=asyncify-imports@env.await_promise_sync -Oz",', '/app/package.json')).toEqual([]);
  });

  it('skips other people\'s packages, tests, documentation and source maps, where the format rules still look', () => {
    const line = 'password = "Zq9-w8xv!q"';
    for (const path of ['/app/node_modules/pkg/lib/db.js', '/usr/lib/python3/dist-packages/x/tests/conf.py', '/srv/docs/setup.md', '/app/dist/main.js.map', '/app/src/__tests__/login.ts']) {
      expect(found(line, path), path).toEqual([]);
    }
    expect(found(line, '/app/src/db.js')).toEqual([`secret-assignment ${redact('Zq9-w8xv!q')}`]);
    for (const path of ['/usr/lib/go/src/crypto/x509/pkcs8_test.go', '/app/src/login.spec.ts', '/app/tests_unit/test_login.py']) expect(found(line, path), path).toEqual([]);
  });

  it('does not read words after a name without an operator as passwords (CMake, prose, test tables)', () => {
    for (const line of ['message(CHECK_PASS "done")', '`extract secret "early"`,', "#   htpasswd.set_passwd 'my realm', 'username', 'password'", "last_pass_time => '1219328376.07815',"]) {
      expect(found(line, '/usr/share/app/module.rb'), line).toEqual([]);
    }
    expect(found('password "Zq9-w8xv!q";', '/etc/app.conf')).toEqual([`secret-assignment ${redact('Zq9-w8xv!q')}`]);
  });
});

describe('jwt', () => {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const payload = Buffer.from('{"sub":"1234567890","iat":1516239022}').toString('base64url');

  it('reports tokens whose header and payload decode to JSON objects, signed or not', () => {
    expect(found(`Authorization: Bearer ${header}.${payload}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`)).toHaveLength(1);
    expect(found(`token=${header}.${payload}`)).toEqual([expect.stringMatching(/^jwt /) as string]);
    expect(found(`${header}.${Buffer.from('not json').toString('base64url')}xxxx.sig`)).toEqual([]);
  });

  it('starts a token where a run of its alphabet starts, not after a "-" inside one', () => {
    // Each "eyJ" after a "-" was an attempt scanning 2 KiB: a megabyte of "eyJ-eyJ-…" took 2 s.
    expect(found(`session-${header}.${payload}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`)).toEqual([]);
    expect(found(`session=${header}.${payload}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`)).toHaveLength(1);
  });

  it('reports a JWT encoded again in base64', () => {
    const token = Buffer.from(`${header}.${payload}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`).toString('base64');
    expect(found(`value: ${token}`)).toEqual([expect.stringMatching(/^jwt-base64 ZXlK/) as string]);
  });

  it('drops documentation tokens: claims naming sample people or RFC 2606 domains', () => {
    const claims = (json: string) => Buffer.from(json).toString('base64url');
    // jwt.io's own example, signed with its documented key.
    expect(found('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')).toEqual([]);
    for (const json of ['{"iss":"https://auth.example.com/","sub":"42"}', '{"email":"admin@example.org"}', '{"aud":"api.example"}', '{"aud":["https://api.test"],"sub":"42"}']) {
      expect(found(`${header}.${claims(json)}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`), json).toEqual([]);
      expect(found(`value: ${Buffer.from(`${header}.${claims(json)}.sig`).toString('base64')}`), json).toEqual([]);
    }
    // A real domain that merely contains the word is not documentation's.
    expect(found(`${header}.${claims('{"iss":"https://counterexample.com","sub":"42"}')}.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`)).toHaveLength(1);
  });
});

describe('curl', () => {
  it('reports -u passwords and credential headers on a curl command line', () => {
    expect(found('curl -s -u deploy:Xk4-pq9Lw2 https://example.org/api')).toEqual([`curl-auth-user ${redact('Xk4-pq9Lw2')}`]);
    expect(found('curl \\\n  -H "X-Auth-Token: 4f9a1c7e2b8d6f3a0c5e" \\\n  https://api.internal/')).toEqual([`curl-auth-header ${redact('4f9a1c7e2b8d6f3a0c5e')}`]);
  });

  it('does not report variables, placeholders or a password equal to the user', () => {
    for (const line of ['curl -u "$USER:$PASS" https://x', 'curl -u admin:admin https://x', 'curl --user neo4j:[PASSWORD] http://x',
      'curl -H "Authorization: Bearer $TOKEN" https://x', 'curl -H "Authorization: Bearer <your token>" https://x', 'curly -u a:Xk4-pq9Lw2']) {
      expect(found(line), line).toEqual([]);
    }
  });
});

describe('secret-assignment in runtimes and packages', () => {
  it("leaves the Python and Ruby standard libraries' documentation to the format rules", () => {
    const docstring = "authinfo.add_password(realm='PDQ Application', uri='https://mahler:8092/site-updates.py', user='klem', passwd='geheim$parole')";
    expect(found(docstring, '/usr/local/lib/python3.12/urllib/request.py')).toEqual([]);
    expect(found(docstring, '/usr/lib/ruby/3.1.0/net/http.rb')).toEqual([]);
    expect(found(docstring, '/srv/app/client.py')).toEqual([`secret-assignment ${redact('geheim$parole')}`]);
  });

  it("leaves what the distribution installs under /usr/lib and /usr/share, Ruby gems and third_party trees to the format rules", () => {
    const line = 'uri.password = "V3ry_S3nsit1ve"';
    for (const path of [
      '/usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/stdlib/uri/0/generic.rbs',
      '/usr/local/bundle/gems/net-ftp-0.1.3/lib/net/ftp.rb',
      '/var/lib/gems/3.1.0/gems/net-ftp-0.1.3/lib/net/ftp.rb',
      '/usr/lib/google-cloud-sdk/lib/googlecloudsdk/core/credentials/p12_service_account.py',
      '/opt/google-cloud-sdk/lib/third_party/oauth2client/service_account.py',
      '/usr/share/perl5/Net/FTP.pm',
    ]) expect(found(line, path), path).toEqual([]);
    for (const path of ['/srv/app/lib/ftp.rb', '/usr/local/lib/app/ftp.rb', '/etc/app/ftp.rb', '/usr/share/nginx/html/config.js']) expect(found(line, path), path).toEqual([`secret-assignment ${redact('V3ry_S3nsit1ve')}`]);
  });

  it('leaves examples and templates, named so, to the format rules', () => {
    const comment = '# hashedPassword = base64_encoded_64_byte_salt W base64_encoded_hash W hash_algorithm';
    expect(found(comment, '/opt/java/openjdk/conf/management/jmxremote.password.template')).toEqual([]);
    const line = 'DB_PASSWORD=Zq9-w8xv!q';
    for (const path of ['/app/.env.example', '/app/config.sample.yml', '/srv/app/settings.example.py']) expect(found(line, path), path).toEqual([]);
    for (const path of ['/app/.env', '/app/config/examples.conf']) expect(found(line, path), path).toEqual([`secret-assignment ${redact('Zq9-w8xv!q')}`]);
  });
});

describe('url-password', () => {
  it('reports the password of a connection URL, not variables, templates, ports or http URLs', () => {
    expect(found('DATABASE_URL=postgres://app:Xk4-pq9Lw2@db.internal:5432/app')).toEqual([`url-password ${redact('Xk4-pq9Lw2')}`]);
    for (const line of ['postgres://app:${DB_PASSWORD}@db/app', 'redis://:%s@host', 'amqp://guest:guest@rabbit', 'https://url:8000 @someone',
      'see https://host:8080/path@v2', 'ftp://user:password@host', 'https://deploy:Xk4-pq9Lw2@example.org']) {
      expect(found(line), line).toEqual([]);
    }
  });

  it('reads an empty user (Redis) and judges the password percent-decoded', () => {
    expect(found('REDIS_URL=redis://:Xk4-pq9Lw2@cache:6379/0')).toEqual([`url-password ${redact('Xk4-pq9Lw2')}`]);
    expect(found('postgres://app:Xk4%40pq9Lw2@db/app')).toEqual([`url-password ${redact('Xk4%40pq9Lw2')}`]);
    expect(found('postgres://app:%24%7BDB_PASSWORD%7D@db/app')).toEqual([]);
  });
});

describe('kubernetes-secret-yaml', () => {
  const secret = (kind: string, value: string) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: db\ndata:\n  password: ${value}\n`;
  const value = Buffer.from('S!B\\*d$zDsb=').toString('base64');

  it('reports data values of a Secret manifest', () => {
    expect(found(secret('Secret', value), 'deploy/db.yaml')).toEqual([`kubernetes-secret-yaml ${redact(value)}`]);
  });

  it('does not report other kinds, templates, empty or short values, or other files', () => {
    const manifest = (text: string, path: string) => found(text, path).filter((f) => f.startsWith('kubernetes-secret-yaml'));
    expect(manifest(secret('ConfigMap', value), 'deploy/db.yaml')).toEqual([]);
    expect(manifest(secret('Secret', '{{ .Values.password }}'), 'deploy/db.yaml')).toEqual([]);
    expect(manifest(secret('Secret', 'YmFyCg=='), 'deploy/db.yaml')).toEqual([]);
    expect(manifest(secret('Secret', value), 'deploy/db.txt')).toEqual([]);
    // A later document of another kind is not the Secret's.
    expect(manifest(`kind: Secret\ntype: Opaque\n---\nkind: ConfigMap\ndata:\n  key: ${value}\n`, 'all.yaml')).toEqual([]);
  });

  it('tells the documents of a long stream apart', () => {
    const docs = Array.from({ length: 400 }, (_, i) => `kind: ${i % 3 === 0 ? 'Secret' : 'ConfigMap'}\ndata:\n  k${String(i)}: ${Buffer.from(`v${String(i)}-S!B*d$zDsb`).toString('base64')}\n`);
    const lines = found(docs.join('---\n'), 'all.yaml').filter((f) => f.startsWith('kubernetes-secret-yaml'));
    expect(lines).toHaveLength(134);
  });
});

describe('linear matching on hostile input', () => {
  // A super-linear pattern would run for minutes on these and hit the test timeout; linear ones take milliseconds.
  it('scans long runs of the patterns\' own characters', () => {
    const texts = [
      `password${'_'.repeat(100_000)}`, `"${'a'.repeat(100_000)}`, `curl ${'-u '.repeat(50_000)}`,
      `kind: Secret\ndata:\n${'  k: AAAA\n'.repeat(20_000)}`, `eyJ${'a'.repeat(100_000)}`, `token = ${'='.repeat(100_000)}`,
    ];
    for (const text of texts) expect(found(text, 'x.yaml')).toEqual([]);
  });
});
