/** E-mail, SMS and notification delivery services' keys. */
import { B, E, namedRule, type SecretRule, UUID } from '../rule.js';

/** Mailchimp keys end in "-us" and the data centre number; the hex digit before it makes the keyword distinctive ("en-us" is not one). */
const MAILCHIMP_KEYWORDS = Array.from({ length: 16 }, (_, digit) => `${digit.toString(16)}-us`);

export const EMAIL_RULES: readonly SecretRule[] = [
  // API keys: 32 hex characters, "-us" and the account's data centre.
  { id: 'mailchimp-api-key', title: 'Mailchimp API key', severity: 'high', keywords: MAILCHIMP_KEYWORDS, pattern: new RegExp(`${B}([a-f0-9]{32}-us\\d{1,2})${E}`, 'g'), minEntropy: 3, gitleaks: ['mailchimp-api-key'] },
  // Private API keys: "key-" and 32 hex characters (older accounts), or three hex groups (32-8-8),
  // the shape of current API keys and of webhook signing keys alike. (The public validation key,
  // "pubkey-…", is meant to be published and is not reported.)
  namedRule({ id: 'mailgun-api-key', title: 'Mailgun API or webhook signing key', severity: 'high', names: ['mailgun'], value: 'key-[a-f0-9]{32}|[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}', minEntropy: 3, gitleaks: ['mailgun-private-api-token', 'mailgun-signing-key'] }),
  // "SG.", a 22-character key id and a 43-character secret, both URL-safe base64.
  { id: 'sendgrid-api-key', title: 'SendGrid API key', severity: 'high', keywords: ['sg.'], pattern: new RegExp(`${B}(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['sendgrid-api-token'] },
  // Brevo (formerly Sendinblue) API and SMTP keys: a prefix, 64 hex characters and 16 alphanumerics.
  { id: 'brevo-api-key', title: 'Brevo (Sendinblue) API key', severity: 'high', keywords: ['xkeysib-', 'xsmtpsib-'], pattern: new RegExp(`${B}((?:xkeysib|xsmtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16})${E}`, 'g'), minEntropy: 3, gitleaks: ['sendinblue-api-token'] },
  // Postmark server and account tokens are GUIDs; Mandrill (Mailchimp Transactional) keys are 22 URL-safe characters.
  namedRule({ id: 'postmark-token', title: 'Postmark server or account token', severity: 'high', names: ['postmark'], value: UUID, minEntropy: 3 }),
  namedRule({ id: 'mandrill-api-key', title: 'Mandrill API key', severity: 'high', names: ['mandrill'], value: '[A-Za-z0-9_-]{22}', minEntropy: 3.5 }),
  // MessageBird access keys: 25 alphanumerics (the UUID client ids beside them are not secrets).
  namedRule({ id: 'messagebird-api-key', title: 'MessageBird API key', severity: 'high', names: ['messagebird', 'message_bird', 'message-bird'], value: '[A-Za-z0-9]{25}', minEntropy: 3.5, gitleaks: ['messagebird-api-token'] }),
  // Twilio's auth token and API key secrets are 32 hex characters with no prefix (the "SK…" and
  // "AC…" values are their identifiers, not secrets).
  namedRule({ id: 'twilio-auth-token', title: 'Twilio auth token or API key secret', severity: 'high', names: ['twilio'], value: '[A-Za-z0-9]{32}', minEntropy: 3 }),
];
