/**
 * The catalog of user-facing problems. Codes are stable (documented in docs/errors.md); messages
 * say what happened, hints say what to do. Nothing user-facing is ever a stack trace.
 */
import type { Problem } from '../model/problem.js';
import { visibleControls } from '../lib/visible-controls.js';

interface ProblemSpec {
  readonly level: Problem['level'];
  readonly hint: string;
}

export const PROBLEMS = {
  'input-not-found': { level: 'error', hint: 'Check the path; use "-" to read from stdin.' },
  'input-unreadable': { level: 'error', hint: 'Check the file permissions.' },
  'input-too-large': { level: 'error', hint: 'Split the file, or raise the limit: --limits-max-file-bytes BYTES, or limits.maxFileBytes in .palisade.yaml.' },
  'snapshot-over-scan-limit': { level: 'note', hint: 'Scan it with --limits-max-file-bytes (or limits.maxFileBytes in .palisade.yaml) at least that large.' },
  'yaml-syntax': { level: 'error', hint: 'Fix the YAML at the given line; `kubectl apply --dry-run=client -f FILE` shows the same error.' },
  'json-syntax': { level: 'error', hint: 'Fix the JSON at the given line.' },
  'yaml-alias-limit': { level: 'error', hint: 'The document expands aliases beyond the limit (a "billion laughs" bomb?); remove the aliases.' },
  'yaml-too-deep': { level: 'error', hint: 'The document nests deeper than any Kubernetes object does.' },
  'not-an-object': { level: 'warning', hint: 'Each YAML document must be a Kubernetes object (a mapping with apiVersion, kind and metadata).' },
  'missing-field': { level: 'warning', hint: 'Kubernetes objects need apiVersion, kind and metadata.name.' },
  'not-a-manifest': { level: 'note', hint: 'Only .yaml, .yml and .json files are read from directories; name the file explicitly to scan it anyway.' },
  'binary-file': { level: 'note', hint: 'The file is not text; it was skipped.' },
  'tool-missing': { level: 'error', hint: 'Install the tool and make sure it is on PATH.' },
  'render-failed': { level: 'error', hint: 'Run the same command by hand to see the full output.' },
  'kubeconfig-invalid': { level: 'error', hint: 'Check --kubeconfig / KUBECONFIG; `kubectl config view` shows what is loaded.' },
  'context-not-found': { level: 'error', hint: 'List the contexts with `kubectl config get-contexts`.' },
  'cluster-unreachable': { level: 'error', hint: 'Check that the API server is reachable and your credentials are valid.' },
  'cluster-list-failed': { level: 'warning', hint: 'Your credentials may lack list permission for this resource.' },
  'rule-error': { level: 'warning', hint: 'This is a bug in the rule; please report it with the resource that triggered it.' },
  'config-invalid': { level: 'error', hint: 'See schemas/config.schema.json for the accepted keys.' },
  'config-not-found': { level: 'error', hint: 'Check the --config path.' },
  'exception-expired': { level: 'warning', hint: 'Renew the exception with a new `expires` date, or fix the finding and remove it.' },
  'exception-unused': { level: 'warning', hint: 'The exception matched no finding; remove it or correct its scope.' },
  'annotation-invalid': { level: 'warning', hint: 'Use palisade.dev/ignore: "<rule-id>[,<rule-id>]: <reason>".' },
  'kustomize-base': { level: 'note', hint: 'Nothing to do: scan the base directory on its own to see its objects without the overlay.' },
  'annotation-unknown-rule': { level: 'warning', hint: 'Correct the rule id; list the rules with `palisade rules list`.' },
  'unknown-rule': { level: 'error', hint: 'List the rules with `palisade rules list`.' },
  'rule-disabled': { level: 'warning', hint: 'The configuration turns the rule off (disabledRules, or rules.<id>.enabled: false), and a flag does not turn it back on: remove it there, or pass --config with another file.' },
  'no-input': { level: 'error', hint: 'Give at least one path, "-" for stdin, or --kubeconfig for a live cluster.' },
  'netpol-invalid': { level: 'error', hint: 'Fix the object: the API server would reject it, or the analysis cannot represent it faithfully.' },
  'netpol-not-modelled': { level: 'note', hint: 'The connectivity shown ignores it: check that part of the policy by hand (L7 rules, host and node entities, FQDN and service peers).' },
  'image-not-found': { level: 'error', hint: 'Check the path or reference; transports are oci:DIR[:TAG], oci-archive:FILE, docker-archive:FILE, dir:PATH, docker://REF, docker-daemon:REF and containers-storage:REF.' },
  'image-invalid': { level: 'error', hint: 'The image layout or archive is malformed; re-export it with `podman save` or `skopeo copy`.' },
  'image-ambiguous': { level: 'error', hint: 'Name the image explicitly, e.g. oci:DIR:TAG.' },
  'image-unsupported': { level: 'error', hint: 'This media type or format is not supported; convert the image with `skopeo copy`.' },
  'digest-mismatch': { level: 'error', hint: 'The blob does not match its digest: the image is corrupt or was tampered with.' },
  'layer-hostile': { level: 'error', hint: 'The layer contains an entry no container runtime would produce; do not run this image.' },
  'layer-limit': { level: 'error', hint: 'The layer exceeds a safety limit (a decompression bomb?); raise the limit only for an image you trust.' },
  'layer-corrupt': { level: 'error', hint: 'The layer is truncated or not a valid (gzip/zstd) tar stream; re-export the image.' },
  'registry-unreachable': { level: 'error', hint: 'Check the registry address and, behind a proxy, HTTPS_PROXY and NO_PROXY; use --ca-file for a private CA, or --insecure for a plain-HTTP or self-signed registry. A registry that keeps answering 429 is rate-limiting: log in (higher limits) or try later.' },
  'engine-unreachable': { level: 'error', hint: 'Start the engine or point DOCKER_HOST at its socket (unix:///PATH); for podman run `podman system service`.' },
  'registry-denied': { level: 'error', hint: 'Log in (`podman login` / `docker login`) or set REGISTRY_AUTH_FILE; check the repository name.' },
  'file-not-read': { level: 'warning', hint: 'A file an analyzer reads (a package database, an executable, an archive) was over the image reader\'s buffering limits, which bound memory on hostile images, and has no streaming reader: the packages it lists are missing from the inventory.' },
  'analyzer-unsupported': { level: 'warning', hint: 'These packages are missing from the inventory; docs/images.md lists the supported formats.' },
  'analyzer-failed': { level: 'warning', hint: 'The file is malformed; the packages it lists are missing from the inventory.' },
  'secrets-not-searched': { level: 'note', hint: 'Files over 1 MiB are taken as data, not configuration, and are not searched for secrets; extract one and run `palisade image scan dir:DIR` on it if it may hold credentials.' },
  'analyzer-limit': { level: 'warning', hint: 'The file lists more packages than any distribution has, the mark of a hostile or corrupt database: the first 100,000 are in the inventory and the rest were not read.' },
  'analyzer-record-skipped': { level: 'warning', hint: 'One record of the file is malformed and was skipped, as the package manager itself skips it; that package is missing from the inventory, the others are listed.' },
  'output-unwritable': { level: 'error', hint: 'Check that the directory exists and is writable, and that --output names a file.' },
  usage: { level: 'error', hint: 'Run the command with --help for its usage.' },
  'namespace-unmatched': { level: 'warning', hint: 'Check the spelling: only cluster-scoped objects are kept for a namespace the input does not have.' },
  internal: { level: 'error', hint: 'Please report this; set PALISADE_DEBUG=1 for the stack trace.' },
  'unknown-kind': { level: 'warning', hint: 'Kinds are case-sensitive (Pod, not pod); check apiVersion and kind against `kubectl api-resources`.' },
  'db-missing': { level: 'error', hint: 'Import advisories first: `palisade db import PATH` or `palisade db update --source URL`.' },
  'db-invalid': { level: 'error', hint: 'The file is not a Palisade advisory store; rebuild it with `palisade db import`.' },
  'db-schema': { level: 'error', hint: 'The store was written by another Palisade version; re-import it with this one.' },
  'db-busy': { level: 'error', hint: 'Another import is running on this store; wait for it, or remove the stale .lock file if no import runs.' },
  'advisory-invalid': { level: 'warning', hint: 'The record was skipped; the rest of the import went on.' },
  'advisory-store-stale': { level: 'warning', hint: 'An older Palisade imported this source and skipped the entries of an ecosystem it could not compare; import the source again (`palisade db import` or `palisade db update`) to match them.' },
  'advisory-unsupported': { level: 'note', hint: 'Palisade compares versions of deb, apk, rpm, npm, PyPI, Maven, Go, RubyGems, crates.io, Packagist and NuGet packages only.' },
  'advisory-too-large': { level: 'warning', hint: 'The entry exceeds the size limit for one advisory file and was skipped.' },
  'import-unreadable': { level: 'error', hint: 'Give an OSV directory or zip, a Debian security tracker JSON, or an Alpine secdb JSON.' },
  'import-empty': { level: 'error', hint: 'No advisory was found in the input; the store was left unchanged.' },
  'download-failed': { level: 'error', hint: 'Check the URL and the network; the store was left unchanged.' },
  'checksum-mismatch': { level: 'error', hint: 'The download does not match its published sha256; the store was left unchanged.' },
  'version-invalid': { level: 'note', hint: 'The version could not be parsed in its ecosystem, so it was not matched.' },
  'os-unknown': { level: 'note', hint: 'Scan an image or root file system with /etc/os-release, or pass the release explicitly.' },
  'range-skipped': { level: 'note', hint: 'GIT ranges name commits, not versions; they cannot be matched against installed packages.' },
  'vuln-db-absent': { level: 'note', hint: 'Import advisories to check vulnerabilities: `palisade db import PATH` (OSV zip or directory, Debian or Alpine feeds) or `palisade db update --source URL`; --db names another store.' },
  'vex-invalid': { level: 'error', hint: 'Give an OpenVEX (https://openvex.dev) or CycloneDX VEX JSON document.' },
  'unknown-framework': { level: 'error', hint: 'List the frameworks with `palisade frameworks list`.' },
  'invalid-pss-version': { level: 'error', hint: 'Use "latest" or "v1.<minor>", e.g. --pss-version v1.29.' },
  'rbac-invalid-rule': { level: 'warning', hint: 'The API server rejects this rule; it grants nothing here. See https://kubernetes.io/docs/reference/access-authn-authz/rbac/' },
  'rbac-invalid-binding': { level: 'warning', hint: 'The API server rejects this binding; it grants nothing here.' },
  'rbac-invalid-subject': { level: 'warning', hint: 'Subjects are User, Group or ServiceAccount (with a namespace in ClusterRoleBindings).' },
  'rbac-invalid-selector': { level: 'warning', hint: 'Fix the aggregationRule label selector; the aggregation controller ignores it.' },
  'rbac-aggregation-too-large': { level: 'warning', hint: 'The aggregationRules of the input select each other too widely to resolve; aggregated ClusterRoles may lack rules. Narrow the selectors (the aggregation controller resolves one level: ClusterRoles whose labels match).' },
  'rbac-missing-role': { level: 'warning', hint: 'The binding grants nothing until the role exists; add the role to the input or remove the binding.' },
  'rbac-audit-invalid': { level: 'warning', hint: 'Each line must be one audit.k8s.io/v1 Event as JSON (the log backend with --audit-log-format=json).' },
  'rbac-bad-subject': { level: 'error', hint: 'Write system:serviceaccount:NS:NAME, user:NAME or group:NAME.' },
  'rbac-bad-request': { level: 'error', hint: 'Write VERB RESOURCE[.GROUP][/SUBRESOURCE], or VERB /non-resource-url.' },
  'rbac-bad-target': { level: 'error', hint: 'Use cluster-admin, secrets or nodes.' },
  'attack-bad-entry': { level: 'error', hint: 'Use internet, workloads, namespace/NS, pod/NS/NAME, user:NAME or group:NAME.' },
  'attack-bad-target': { level: 'error', hint: 'Use cluster-admin, secrets, nodes, configured, namespace/NS or "selector KEY=VALUE[,KEY=VALUE]".' },
  'attack-analysis-failed': { level: 'warning', hint: 'This is a bug in the attack-path analysis; please report it with the objects that triggered it. Set attackPaths.enabled: false to skip the analysis meanwhile.' },
  'attack-bad-vulnerabilities': { level: 'error', hint: 'Give a JSON array of {image, vulnerabilities: [{id, package, fixedVersion?, severity?, rce?, cvssVector?}]}.' },
  'dockerfile-syntax': { level: 'error', hint: 'Fix the instruction at the given line; `docker build --check` (BuildKit) reports the same.' },
  'dockerfile-pragma': { level: 'note', hint: 'Correct the comment: `# hadolint ignore=DL3008[,DL3009]` directly above the instruction, `# hadolint stage ignore=` or `# hadolint global ignore=`, or `# palisade.dev/ignore-next: <rule-id>: <reason>`.' },
  'not-a-dockerfile': { level: 'error', hint: 'palisade dockerfile reads files named Dockerfile, Containerfile, NAME.Dockerfile or Dockerfile.NAME, and directories; rename the file.' },
} as const satisfies Record<string, ProblemSpec>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemPlace {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export function problem(code: ProblemCode, message: string, place: ProblemPlace = {}, hint?: string): Problem {
  const spec: ProblemSpec = PROBLEMS[code];
  return {
    code,
    level: spec.level,
    message,
    ...(place.file === undefined ? {} : { file: place.file }),
    ...(place.line === undefined ? {} : { line: place.line }),
    ...(place.column === undefined ? {} : { column: place.column }),
    hint: hint ?? spec.hint,
  };
}

/** An error that carries a Problem to the front end, for failures that stop a whole command. */
export class PalisadeError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message);
    this.problem = problem;
  }
}


/** One line for stderr: code, file:line:col, message, hint. */
export function formatProblem(p: Problem): string {
  const place = p.file === undefined ? '' : ` ${visibleControls(p.file)}${p.line === undefined ? '' : `:${p.line}${p.column === undefined ? '' : `:${p.column}`}`}`;
  return visibleControls(`${p.level} ${p.code}`) + `${place}: ${visibleControls(p.message)}${p.hint === undefined ? '' : ` (hint: ${visibleControls(p.hint)})`}`;
}
