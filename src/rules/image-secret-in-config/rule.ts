/**
 * Everything in an image's configuration is readable by anyone who can pull it: ENV values sit in
 * the config blob, build arguments used by RUN are written into the history, and history lines
 * keep the commands verbatim. A credential put there is published with the image, and no later
 * layer can remove it.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, type Violation } from '../../core/rule.js';
import type { DockerInstruction } from '../../lib/dockerfile/index.js';
import { isEnvStep } from '../../lib/dockerfile/history-step.js';
import { redact } from '../../lib/redact.js';
import { pointer } from '../../lib/json-pointer.js';
import { findSecretsInEntry, findSecretsInText, isSecretKeyName, notListed } from '../_shared/secret-values.js';
import { dockerfileOf, instructionsOf, isLoneHeredoc } from '../_dockerfile/dockerfile.js';
import { imageConfigOf } from '../_dockerfile/image-config.js';

/** AWS_ACCESS_KEY_ID and the like: an identifier, but one half of a credential pair, so naming it as a build argument is a leak. */
const CREDENTIAL_ID = /access[_-]?key[_-]?id/i;

function* imageFindings(resource: Parameters<typeof imageConfigOf>[0]): Generator<Violation> {
  const image = imageConfigOf(resource);
  if (image === undefined) return;
  /** Values found in Env: the ENV steps of the history that set them are the same leak. */
  const inEnv = new Set<string>();
  for (const [i, entry] of (image.config?.Env ?? []).entries()) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    for (const found of findSecretsInEntry(key, eq < 0 ? '' : entry.slice(eq + 1))) {
      inEnv.add(found.value);
      yield fail(`environment variable ${key} holds ${found.what}: ${redact(found.value)}${notListed(found)}`, pointer('/config/Env', i));
    }
  }
  for (const [key, value] of Object.entries(image.config?.Labels ?? {})) {
    for (const found of findSecretsInEntry(key, value)) yield fail(`label ${key} holds ${found.what}: ${redact(found.value)}${notListed(found)}`, pointer('/config/Labels', key));
  }
  for (const [i, step] of (image.history ?? []).entries()) {
    const createdBy = step.created_by ?? '';
    for (const found of findSecretsInText(createdBy)) {
      if (isEnvStep(createdBy) && inEnv.has(found.value)) continue;
      yield fail(`history step ${i + 1} holds ${found.what}: ${redact(found.value)}${notListed(found)}`, pointer('/history', i, 'created_by'));
    }
  }
}

/**
 * Here-documents are not on the instruction line, but they ship all the same: BuildKit runs a RUN
 * document by passing its text as the command, so the history records it (a lone document that
 * starts with #! is run as a mounted file instead, and stays in the Dockerfile and build provenance
 * only), and a COPY or ADD document becomes a file of the image.
 */
function* heredocFindings(instruction: DockerInstruction, path: string): Generator<Violation> {
  const documents = instruction.heredocs ?? [];
  if (documents.length === 0) return;
  const where = instruction.cmd === 'RUN'
    ? (isLoneHeredoc(instruction) && documents[0]?.body.startsWith('#!') === true ? 'in the Dockerfile and the build provenance' : 'in the image history')
    : `in the image at ${instruction.args.at(-1) ?? 'its destination'}`;
  for (const found of documents.flatMap((document) => findSecretsInText(document.body))) {
    yield fail(`${instruction.cmd} (line ${instruction.line}) has a here-document holding ${found.what}, kept ${where}: ${redact(found.value)}${notListed(found)}`, path);
  }
}

export const rule = defineRule({
  id: 'image-secret-in-config',
  title: 'Secret in image ENV, ARG or history',
  severity: 'high',
  threats: ['supply-chain', 'image-security', 'data-exfiltration'],
  mitre: ['T1552.001', 'T1525'],
  remediation: 'Pass build secrets with RUN --mount=type=secret and runtime secrets from a secret store, never through ENV, ARG or a command line.',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://docs.docker.com/reference/dockerfile/#arg',
    'https://csrc.nist.gov/pubs/sp/800/190/final',
  ],
  target: { kinds: ['Dockerfile', 'ImageConfig'] },
  *check(resource: Resource) {
    if (resource.kind === 'ImageConfig') {
      yield* imageFindings(resource);
      return;
    }
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (instruction.cmd === 'ARG') {
        for (const [i, pair] of (instruction.pairs ?? []).entries()) {
          if (isSecretKeyName(pair.key) || CREDENTIAL_ID.test(pair.key)) {
            // Build arguments are recorded in the history of every RUN that sees them.
            yield fail(`build argument ${pair.key} (line ${instruction.line}) carries a credential, and build arguments are recorded in the image history`, pointer(path, 'pairs', i));
            continue;
          }
          // Whatever its name, a default that is a credential (a token, a URL with a password) is recorded too.
          for (const found of findSecretsInText(pair.value ?? '')) {
            yield fail(`build argument ${pair.key} (line ${instruction.line}) defaults to ${found.what}, recorded in the image history: ${redact(found.value)}${notListed(found)}`, pointer(path, 'pairs', i));
          }
        }
      } else if (instruction.cmd === 'ENV') {
        for (const [i, pair] of (instruction.pairs ?? []).entries()) {
          for (const found of findSecretsInEntry(pair.key, pair.value ?? '')) {
            yield fail(`ENV ${pair.key} (line ${instruction.line}) holds ${found.what}: ${redact(found.value)}${notListed(found)}`, pointer(path, 'pairs', i));
          }
        }
      } else if (instruction.cmd === 'RUN' || instruction.cmd === 'LABEL') {
        // A RUN line is kept verbatim in the history; a LABEL in the config.
        const texts = instruction.cmd === 'LABEL' ? (instruction.pairs ?? []).map((p) => `${p.key}=${p.value ?? ''}`) : [instruction.text];
        for (const found of texts.flatMap((text) => findSecretsInText(text))) {
          yield fail(`${instruction.cmd} (line ${instruction.line}) holds ${found.what}, kept in the image ${instruction.cmd === 'RUN' ? 'history' : 'config'}: ${redact(found.value)}${notListed(found)}`, path);
        }
      }
      if (instruction.cmd === 'ADD') {
        // The builder writes ADD's sources into the history step (`ADD https://user:password@host/file /dest`).
        for (const found of instruction.args.slice(0, -1).flatMap((source) => findSecretsInText(source))) {
          yield fail(`ADD (line ${instruction.line}) has ${found.what} in its source, kept in the image history: ${redact(found.value)}${notListed(found)}`, path);
        }
      }
      yield* heredocFindings(instruction, path);
    }
  },
});
