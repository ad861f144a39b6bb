/** Chat and messaging services' tokens and webhooks. */
import { isPlaceholder } from '../placeholders.js';
import { B, E, namedRule, type SecretRule, UUID } from '../rule.js';

/**
 * Slack's token kinds, one alternative each (the prefix says the kind):
 * - bot, user, workspace and legacy tokens: xoxb/xoxp/xoxa/xoxr/xoxo/xoxs/xoxe, an optional version
 *   digit, one to four numeric ids (team, user, ...) and a random tail that is not followed by more
 *   token characters (so "…-572331691188-####" is not cut down to a token);
 * - newer workspace tokens: xoxa/xoxr, an optional version digit and a random tail;
 * - configuration access tokens: xoxe.xoxb-/xoxe.xoxp-, a version digit and ~165 characters;
 * - configuration refresh tokens: xoxe-, a version digit and ~146 characters;
 * - app-level tokens: xapp-, a version digit, the app id, a numeric id and a hex secret.
 */
const SLACK_TOKEN = [
  'xox[abeoprs]-(?:\\d-)?\\d{5,14}(?:-\\d{5,14}){0,3}-[A-Za-z0-9]{8,64}',
  'xox[ar]-(?:\\d-)?[A-Za-z0-9]{8,48}',
  'xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{160,170}',
  'xoxe-\\d-[A-Za-z0-9]{140,150}',
  'xapp-\\d-[A-Z0-9]{8,14}-\\d{8,16}-[a-f0-9]{32,64}',
].join('|');

/** Microsoft Teams incoming webhooks: two UUIDs (group@tenant), the connector id and the owner's UUID. */
const TEAMS_WEBHOOK = `https://(?:[a-z0-9-]{1,63}\\.webhook\\.office\\.com/webhookb2|outlook\\.office(?:365)?\\.com/webhook)/${UUID}@${UUID}/IncomingWebhook/[a-f0-9]{32}/${UUID}(?:/[A-Za-z0-9_-]{1,100})?`;

/**
 * Slack tokens carry numeric team and user ids, which may repeat a digit (511111111) without being
 * filler (and lower the entropy of the whole), so only the random tail is tested for placeholders ("xoxb-…-xxxxxxxxxxxx", "…-####").
 */
function slackTailIsRandom(token: string): boolean {
  const tail = token.slice(Math.max(token.lastIndexOf('-'), token.lastIndexOf('.')) + 1);
  return !isPlaceholder(tail);
}

/**
 * A Discord bot token: the base64 of the bot's numeric user id (a snowflake, 17 to 20 digits, so
 * the first letter is M, N or O), a 6-character timestamp and an HMAC, dot-separated. No fixed text
 * occurs in every token (each 4-character group of the id is one of 1,200 such as "ntex" or
 * "oday"), so a token is recognised only where something names it.
 */
const DISCORD_BOT_TOKEN = '[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}';

/** Whether the first part of a Discord bot token is the base64 of a numeric user id (a snowflake). */
function discordUserId(token: string): boolean {
  const id = Buffer.from(token.slice(0, token.indexOf('.')), 'base64').toString('latin1');
  return /^\d{17,20}$/.test(id);
}

export const MESSAGING_RULES: readonly SecretRule[] = [
  {
    id: 'slack-token', title: 'Slack token', severity: 'high', keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxo-', 'xoxs-', 'xoxe', 'xapp-'],
    pattern: new RegExp(`(?<![A-Za-z0-9_.-])(${SLACK_TOKEN})(?![A-Za-z0-9_-])`, 'g'), minEntropy: 2.5,
    placeholders: 'keep', accept: slackTailIsRandom,
    gitleaks: ['slack-bot-token', 'slack-user-token', 'slack-app-token', 'slack-config-access-token', 'slack-config-refresh-token', 'slack-legacy-bot-token', 'slack-legacy-token', 'slack-legacy-workspace-token'],
  },
  { id: 'slack-webhook', title: 'Slack incoming webhook', severity: 'high', keywords: ['hooks.slack.com'], pattern: /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{40,200}/g, gitleaks: ['slack-webhook-url'] },
  // A webhook only posts messages to one channel (spam, phishing): medium.
  { id: 'microsoft-teams-webhook', title: 'Microsoft Teams incoming webhook', severity: 'medium', keywords: ['.webhook.office.com/webhookb2/', '.com/webhook/'], pattern: new RegExp(TEAMS_WEBHOOK, 'g'), gitleaks: ['microsoft-teams-webhook'] },
  // Discord webhooks: the webhook's numeric id and its token; anyone holding the URL can post (medium, as Teams').
  { id: 'discord-webhook', title: 'Discord webhook', severity: 'medium', keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'], pattern: /https:\/\/(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/([A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])/g, minEntropy: 3.5 },
  // Google Chat webhooks: the space, a Google API key (reported by its own rule) and the webhook's token, the secret here.
  { id: 'google-chat-webhook', title: 'Google Chat webhook token', severity: 'medium', keywords: ['chat.googleapis.com/v1/spaces/'], pattern: /https:\/\/chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]{6,30}\/messages\?key=[A-Za-z0-9_-]{39}&(?:amp;)?token=([A-Za-z0-9_%=-]{40,80})(?![A-Za-z0-9_%=-])/g, minEntropy: 3.5 },
  // Bot tokens named after Discord (DISCORD_TOKEN=…, "discordToken": …).
  namedRule({ id: 'discord-bot-token', title: 'Discord bot token', severity: 'high', names: ['discord'], value: DISCORD_BOT_TOKEN, minEntropy: 3.5, accept: discordUserId }),
  // Unnamed bot tokens where Discord's API and libraries take them: the "Authorization: Bot …"
  // header, discord.py's client.run("…") and discord.js's client.login("…"). (A bare token has no
  // keyword of its own: see DISCORD_BOT_TOKEN.) The keywords hold the token's first letter after "Bot ".
  {
    id: 'discord-bot-token-in-use', title: 'Discord bot token', severity: 'high', keywords: ['bot m', 'bot n', 'bot o', '.run(', '.login('],
    pattern: new RegExp(`(?:(?<![A-Za-z0-9_])Bot |\\.(?:run|login)\\([ \\t]{0,5}["'\`])(${DISCORD_BOT_TOKEN})(?![A-Za-z0-9_-])`, 'g'), minEntropy: 3.5, accept: discordUserId,
    detectSecrets: ['DiscordBotTokenDetector'],
  },
  // OAuth2 client secrets: 32 URL-safe characters.
  namedRule({ id: 'discord-client-secret', title: 'Discord client secret', severity: 'high', names: ['discord'], value: '[A-Za-z0-9_-]{32}', minEntropy: 3.5, gitleaks: ['discord-client-secret'] }),
  // Bot tokens are the bot's numeric id, a colon and 35 characters that start with "AA"; in API
  // URLs they follow "/bot" directly (https://api.telegram.org/bot<token>/getMe).
  { id: 'telegram-bot-token', title: 'Telegram bot token', severity: 'high', keywords: [':aa'], pattern: new RegExp(`(?:${B}|bot)(\\d{5,16}:AA[A-Za-z0-9_-]{33})${E}`, 'g'), minEntropy: 3.5, gitleaks: ['telegram-bot-api-token'] },
  // Personal access and bot tokens: 26 lower-case alphanumerics.
  namedRule({ id: 'mattermost-access-token', title: 'Mattermost access token', severity: 'high', names: ['mattermost'], value: '[a-z0-9]{26}', minEntropy: 3.5, gitleaks: ['mattermost-access-token'] }),
  // Sendbird API tokens are 40 hex characters (the application id beside them is a UUID and not a secret).
  namedRule({ id: 'sendbird-api-token', title: 'Sendbird API token', severity: 'high', names: ['sendbird'], value: '[a-f0-9]{40}', minEntropy: 3, gitleaks: ['sendbird-access-token'] }),
];
