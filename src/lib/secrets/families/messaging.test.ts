/**
 * Messaging rules on tokens built from each issuer's documented format (values generated here, so
 * no real-looking token is committed), and on near misses that must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { scanText } from '../scan.js';
import { MESSAGING_RULES } from './messaging.js';
import { ALNUM, DIGITS, HEX, randomSource, URLSAFE } from './fixtures/fake-values.js';

const random = randomSource(7);
const guid = (): string => [8, 4, 4, 4, 12].map((n) => random(HEX, n)).join('-');
const found = (text: string): string[] => scanText(text, MESSAGING_RULES).map((m) => m.rule.id);

describe('Slack tokens', () => {
  it('finds user, bot, refresh and app tokens', () => {
    expect(found(`SLACK_TOKEN=xoxp-${random(DIGITS, 11)}-${random(DIGITS, 11)}-${random(DIGITS, 12)}-${random(HEX, 32)}`)).toEqual(['slack-token']);
    expect(found(`token: "xoxb-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(ALNUM, 24)}"`)).toEqual(['slack-token']);
    expect(found(`refresh=xoxe-1-${random(ALNUM, 146)}`)).toEqual(['slack-token']);
    expect(found(`xapp-1-A${random('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 10)}-${random(DIGITS, 13)}-${random(HEX, 64)}`)).toEqual(['slack-token']);
  });
  it('leaves a token whose random tail is filler, and a token cut short', () => {
    expect(found(`xoxb-${random(DIGITS, 12)}-${random(DIGITS, 13)}-xxxxxxxxxxxxxxxxxxxxxxxx`)).toEqual([]);
    expect(found(`xoxp-${random(DIGITS, 11)}-${random(DIGITS, 11)}-${random(DIGITS, 12)}-####`)).toEqual([]);
  });
});

describe('Microsoft Teams webhooks', () => {
  const url = (host: string): string => `https://${host}/webhookb2/${guid()}@${guid()}/IncomingWebhook/${random(HEX, 32)}/${guid()}`;
  it('finds an incoming webhook URL', () => {
    expect(found(`TEAMS_WEBHOOK=${url('contoso.webhook.office.com')}`)).toEqual(['microsoft-teams-webhook']);
  });
  it('leaves a URL on another host', () => {
    expect(found(`TEAMS_WEBHOOK=${url('contoso.webhook.example.net')}`)).toEqual([]);
  });
});

describe('Discord', () => {
  const botToken = (userId: string): string => `${Buffer.from(userId).toString('base64url')}.${random(URLSAFE, 6)}.${random(URLSAFE, 38)}`;
  it('finds a bot token whose first part encodes a numeric user id, and a client secret', () => {
    expect(found(`DISCORD_BOT_TOKEN=${botToken('1029481395910270451')}`)).toEqual(['discord-bot-token']);
    expect(found(`discord_client_secret = "${random(URLSAFE, 32)}"`)).toEqual(['discord-client-secret']);
  });
  it('leaves a look-alike whose first part is not a user id, and the numeric client id', () => {
    expect(found(`DISCORD_BOT_TOKEN=${botToken('1a2b3c4d5e6f7a8b9c0')}`)).toEqual([]);
    expect(found(`DISCORD_CLIENT_ID=${random(DIGITS, 18)}`)).toEqual([]);
  });
  it('finds an unnamed bot token where the API and the libraries take it', () => {
    expect(found(`curl -H "Authorization: Bot ${botToken('802347329054687262')}" https://discord.com/api/v10/users/@me`)).toEqual(['discord-bot-token-in-use']);
    expect(found(`client.run("${botToken('1029481395910270451')}")`)).toEqual(['discord-bot-token-in-use']);
    expect(found(`client.login('${botToken('1213465118740213780')}');`)).toEqual(['discord-bot-token-in-use']);
  });
  it('leaves other values there: not a user id, not a token shape, a variable', () => {
    expect(found(`Authorization: Bot ${botToken('1a2b3c4d5e6f7a8b9c0')}`)).toEqual([]);
    expect(found(`app.run("${random(URLSAFE, 26)}.${random(URLSAFE, 6)}.${random(URLSAFE, 38)}")`)).toEqual([]);
    expect(found('client.login(process.env.DISCORD_TOKEN);')).toEqual([]);
    expect(found(`robot ${botToken('1029481395910270451')}`)).toEqual([]);
  });
});

describe('Telegram, Mattermost and Sendbird', () => {
  it('finds a bot token anywhere, and named tokens', () => {
    expect(found(`curl https://api.telegram.org/bot${random(DIGITS, 10)}:AA${random(URLSAFE, 33)}/getMe`)).toEqual(['telegram-bot-token']);
    expect(found(`MATTERMOST_TOKEN=${random('abcdefghijklmnopqrstuvwxyz0123456789', 26)}`)).toEqual(['mattermost-access-token']);
    expect(found(`sendbird_api_token: ${random(HEX, 40)}`)).toEqual(['sendbird-api-token']);
  });
  it('leaves a bot token without its numeric id, and the Sendbird application id', () => {
    expect(found(`token = "bot:AA${random(URLSAFE, 33)}"`)).toEqual([]);
    expect(found(`SENDBIRD_APP_ID=${guid().toUpperCase()}`)).toEqual([]);
  });
});

describe('Discord and Google Chat webhooks', () => {
  it('finds the webhook tokens', () => {
    expect(found(`WEBHOOK=https://discord.com/api/webhooks/${random(DIGITS, 19)}/${random(URLSAFE, 68)}`)).toEqual(['discord-webhook']);
    expect(found(`url: https://chat.googleapis.com/v1/spaces/AAAA${random(ALNUM, 7)}/messages?key=AIza${random(URLSAFE, 35)}&token=${random(URLSAFE, 43)}%3D`)).toEqual(['google-chat-webhook']);
  });
  it('leaves a Discord API URL that is not a webhook', () => {
    expect(found(`https://discord.com/api/channels/${random(DIGITS, 19)}/${random(URLSAFE, 68)}`)).toEqual([]);
  });
});
