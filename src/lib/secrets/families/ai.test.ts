/**
 * AI provider rules on keys built from each issuer's documented format (values generated here, so
 * no real-looking key is committed), and on near misses that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { AI_RULES } from './ai.js';
import { ALNUM, DIGITS, HEX, randomSource, URLSAFE } from './fixtures/fake-values.js';

const random = randomSource(29);
const found = (text: string): string[] => scanText(text, AI_RULES).map((m) => m.rule.id);

describe('AI provider keys', () => {
  it('tells Anthropic admin keys from API keys', () => {
    expect(found(`ANTHROPIC_ADMIN_KEY=sk-ant-admin01-${random(URLSAFE, 93)}AA`)).toEqual(['anthropic-admin-api-key']);
    expect(found(`ANTHROPIC_API_KEY=sk-ant-api03-${random(URLSAFE, 93)}AA`)).toEqual(['anthropic-api-key']);
  });
  it('finds Hugging Face organisation tokens', () => {
    expect(found(`use_auth_token="api_org_${random('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}"`)).toEqual(['huggingface-token']);
  });
  it('finds a Cohere key named after the service', () => {
    expect(found(`COHERE_API_KEY=${random(ALNUM, 40)}`)).toEqual(['cohere-api-key']);
  });
  it('finds long-lived Bedrock keys whose body decodes to a Bedrock key id, and short-lived ones', () => {
    const body = Buffer.from(`BedrockAPIKey-${random(ALNUM, 4)}-at-${random(DIGITS, 12)}:${random(ALNUM, 60)}`).toString('base64');
    expect(found(`AWS_BEARER_TOKEN_BEDROCK=ABSK${body}`)).toEqual(['aws-bedrock-long-lived-api-key']);
    const url = Buffer.from(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=${random(ALNUM, 40)}&Version=1`).toString('base64');
    expect(found(`AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-${url}`)).toEqual(['aws-bedrock-short-lived-api-key']);
  });
  it('leaves an ABSK value whose body is not a Bedrock key', () => {
    const body = Buffer.from(`SomethingElse-${random(ALNUM, 100)}`).toString('base64');
    expect(found(`ABSK${body}`)).toEqual([]);
  });
});

describe('other AI providers', () => {
  it('finds each documented prefix', () => {
        const cases: readonly (readonly [string, string])[] = [
      [`GROQ_API_KEY=gsk_${random(ALNUM, 52)}`, 'groq-api-key'],
      [`REPLICATE_API_TOKEN=r8_${random(ALNUM, 37)}`, 'replicate-api-token'],
      [`XAI_API_KEY=xai-${random(ALNUM, 80)}`, 'xai-api-key'],
      [`OPENROUTER_API_KEY=sk-or-v1-${random(HEX, 64)}`, 'openrouter-api-key'],
      [`LANGSMITH_API_KEY=lsv2_pt_${random(HEX, 32)}_${random(HEX, 10)}`, 'langsmith-api-key'],
    ];
    for (const [text, rule] of cases) expect(found(text), text).toEqual([rule]);
  });
  it('leaves values of another length', () => {
    expect(found(`gsk_${random(ALNUM, 40)}`)).toEqual([]);
    expect(found(`xai-${random(ALNUM, 20)}`)).toEqual([]);
  });
});
