import { describe, expect, it } from 'vitest';
import { SECRET_RULES } from './catalog.js';
import { NAME_BASED_RULES } from './families/generic.js';
import { credentialName, FORMAT_RULES, withArticle } from './formats.js';

describe('format rules', () => {
  it('are the catalog without the rules that judge a value by its name', () => {
    expect(NAME_BASED_RULES.map((r) => r.id).sort()).toEqual(['generic-secret-assignment', 'secret-assignment']);
    expect(FORMAT_RULES.length).toBe(SECRET_RULES.length - NAME_BASED_RULES.length);
    expect(FORMAT_RULES.some((r) => r.id === 'private-key')).toBe(true);
  });

  it('name credentials as a sentence reads them', () => {
    const titled = (title: string) => credentialName({ ...SECRET_RULES[0], title } as (typeof SECRET_RULES)[number]);
    expect([titled('Private key'), titled('GitHub token'), titled('AWS access key id')]).toEqual(['private key', 'GitHub token', 'AWS access key id']);
    expect(['AWS access key id', 'GitHub token', 'npm access token', 'age secret key', 'xAI API key', 'HCP Terraform token', 'JSON Web Token', 'private key', 'Okta API token'].map(withArticle)).toEqual([
      'an AWS access key id', 'a GitHub token', 'an npm access token', 'an age secret key', 'an xAI API key', 'an HCP Terraform token', 'a JSON Web Token', 'a private key', 'an Okta API token',
    ]);
  });
});
