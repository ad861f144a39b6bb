/** AI model providers' API keys. */
import { B, E, type SecretRule } from '../rule.js';

export const AI_RULES: readonly SecretRule[] = [
  { id: 'openai-api-key', title: 'OpenAI API key', severity: 'critical', keywords: ['t3blbkfj'], pattern: /(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})/g, minEntropy: 3, gitleaks: ['openai-api-key'] },
  { id: 'anthropic-api-key', title: 'Anthropic API key', severity: 'critical', keywords: ['sk-ant-'], pattern: new RegExp(`${B}(sk-ant-api0\\d-[A-Za-z0-9_-]{93}AA)${E}`, 'g'), minEntropy: 3, gitleaks: ['anthropic-api-key'] },
  { id: 'huggingface-token', title: 'Hugging Face access token', severity: 'high', keywords: ['hf_'], pattern: new RegExp(`${B}(hf_[A-Za-z]{34})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['huggingface-access-token'] },
  { id: 'perplexity-api-key', title: 'Perplexity API key', severity: 'high', keywords: ['pplx-'], pattern: new RegExp(`${B}(pplx-[A-Za-z0-9]{48})${E}`, 'g'), minEntropy: 3, gitleaks: ['perplexity-api-key'] },
];
