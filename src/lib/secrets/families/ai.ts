/** AI model providers' API keys. */
import { B, E, namedRule, type SecretRule } from '../rule.js';

/** Whether `body` is standard base64 that decodes to text starting with `prefix`. */
function base64StartsWith(body: string, prefix: string): boolean {
  return Buffer.from(body, 'base64').toString('latin1').startsWith(prefix);
}

export const AI_RULES: readonly SecretRule[] = [
  // Project, service-account and admin keys carry "T3BlbkFJ" (base64 of "OpenAI") between two
  // random halves; the halves are bounded, so a long run of key characters is read once.
  { id: 'openai-api-key', title: 'OpenAI API key', severity: 'critical', keywords: ['t3blbkfj'], pattern: new RegExp(`${B}(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])`, 'g'), minEntropy: 3, gitleaks: ['openai-api-key'] },
  // Anthropic keys end in "AA" after 93 characters; the admin keys (organisation management) share the shape.
  { id: 'anthropic-api-key', title: 'Anthropic API key', severity: 'critical', keywords: ['sk-ant-'], pattern: new RegExp(`${B}(sk-ant-api0\\d-[A-Za-z0-9_-]{93}AA)${E}`, 'g'), minEntropy: 3, gitleaks: ['anthropic-api-key'] },
  { id: 'anthropic-admin-api-key', title: 'Anthropic admin API key', severity: 'critical', keywords: ['sk-ant-admin'], pattern: new RegExp(`${B}(sk-ant-admin0\\d-[A-Za-z0-9_-]{93}AA)${E}`, 'g'), minEntropy: 3, gitleaks: ['anthropic-admin-api-key'] },
  // User tokens (hf_) and the older organisation tokens (api_org_) both carry 34 letters.
  { id: 'huggingface-token', title: 'Hugging Face access token', severity: 'high', keywords: ['hf_', 'api_org_'], pattern: new RegExp(`${B}((?:hf|api_org)_[A-Za-z]{34})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['huggingface-access-token', 'huggingface-organization-api-token'] },
  { id: 'perplexity-api-key', title: 'Perplexity API key', severity: 'high', keywords: ['pplx-'], pattern: new RegExp(`${B}(pplx-[A-Za-z0-9]{48})${E}`, 'g'), minEntropy: 3, gitleaks: ['perplexity-api-key'] },
  // Other providers' documented prefixes: Groq ("gsk_" and 52), Replicate ("r8_" and 37), xAI
  // ("xai-" and 80), OpenRouter ("sk-or-v1-" and 64 hex), LangSmith ("lsv2_pt_"/"lsv2_sk_", 32 hex, "_", 10 hex).
  { id: 'groq-api-key', title: 'Groq API key', severity: 'high', keywords: ['gsk_'], pattern: new RegExp(`${B}(gsk_[A-Za-z0-9]{52})${E}`, 'g'), minEntropy: 3.5 },
  { id: 'replicate-api-token', title: 'Replicate API token', severity: 'high', keywords: ['r8_'], pattern: new RegExp(`${B}(r8_[A-Za-z0-9]{37})${E}`, 'g'), minEntropy: 3.5 },
  { id: 'xai-api-key', title: 'xAI API key', severity: 'high', keywords: ['xai-'], pattern: new RegExp(`${B}(xai-[A-Za-z0-9]{80})${E}`, 'g'), minEntropy: 3.5 },
  { id: 'openrouter-api-key', title: 'OpenRouter API key', severity: 'high', keywords: ['sk-or-v1-'], pattern: new RegExp(`${B}(sk-or-v1-[a-f0-9]{64})${E}`, 'g'), minEntropy: 3 },
  { id: 'langsmith-api-key', title: 'LangSmith API key', severity: 'high', keywords: ['lsv2_pt_', 'lsv2_sk_'], pattern: new RegExp(`${B}(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})${E}`, 'g'), minEntropy: 3 },
  // Cohere keys have no prefix: 40 alphanumerics, named after the service (CO_API_KEY is its SDK's variable).
  namedRule({ id: 'cohere-api-key', title: 'Cohere API key', severity: 'high', names: ['cohere', 'co_api_key'], value: '[A-Za-z0-9]{40}', minEntropy: 3.5, gitleaks: ['cohere-api-token'] }),
  // Long-lived Bedrock keys: "ABSK" and the base64 of "BedrockAPIKey-<id>-at-<account>:<secret>".
  {
    id: 'aws-bedrock-long-lived-api-key', title: 'Amazon Bedrock long-lived API key', severity: 'high', keywords: ['absk'],
    pattern: new RegExp(`${B}(ABSK[A-Za-z0-9+/]{108,268}={0,2})${E}`, 'g'), minEntropy: 3.5,
    accept: (secret) => base64StartsWith(secret.slice(4), 'BedrockAPIKey-'), gitleaks: ['aws-amazon-bedrock-api-key-long-lived'],
  },
  // Short-lived Bedrock keys: "bedrock-api-key-" and the base64 of a presigned URL to bedrock.amazonaws.com.
  {
    id: 'aws-bedrock-short-lived-api-key', title: 'Amazon Bedrock short-lived API key', severity: 'high', keywords: ['bedrock-api-key-ymvkcm9jay5hbwf6b25hd3muy29t'],
    pattern: /(bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{0,4000}={0,2})(?![A-Za-z0-9+/=])/g, gitleaks: ['aws-amazon-bedrock-api-key-short-lived'],
  },
];
