/**
 * detect-secrets' plugins and the Palisade rules that find the same credentials. Rules may also
 * claim a plugin themselves (`detectSecrets: [...]` in their family file); this map is for rules
 * of families that are measured here without editing them. A plugin mapped to no rule is not
 * covered, with the reason.
 */
export const DETECT_SECRETS_MAP: Readonly<Record<string, readonly string[]>> = {
  AWSKeyDetector: ['aws-access-key-id', 'aws-secret-access-key'],
  ArtifactoryDetector: ['artifactory-api-key', 'artifactory-reference-token'],
  DiscordBotTokenDetector: ['discord-bot-token'],
  GitHubTokenDetector: ['github-token', 'github-fine-grained-token'],
  GitLabTokenDetector: [
    'gitlab-token', 'gitlab-deploy-token', 'gitlab-runner-token', 'gitlab-ci-job-token', 'gitlab-pipeline-trigger-token', 'gitlab-agent-token',
    'gitlab-scim-token', 'gitlab-feed-token', 'gitlab-incoming-mail-token', 'gitlab-feature-flag-token', 'gitlab-oauth-app-secret',
  ],
  MailchimpDetector: ['mailchimp-api-key'],
  NpmDetector: ['npm-token'],
  OpenAIDetector: ['openai-api-key'],
  PypiTokenDetector: ['pypi-upload-token'],
  SendGridDetector: ['sendgrid-api-key'],
  SlackDetector: ['slack-token', 'slack-webhook'],
  SquareOAuthDetector: ['square-access-token'],
  StripeDetector: ['stripe-key'],
  TelegramBotTokenDetector: ['telegram-bot-token'],
  TwilioKeyDetector: ['twilio-auth-token'],
};

/** Plugins with no Palisade equivalent, on purpose. */
export const NOT_COVERED: Readonly<Record<string, string>> = {
  IPPublicDetector: 'a public IP address is not a credential: it identifies a host, it grants nothing',
};
