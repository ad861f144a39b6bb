/**
 * Every secret rule, by family, in the order they are tried: a value a specific rule reports is
 * not reported again by a later, broader one, so the generic rules come last. Adding a family
 * means adding its file under families/ and its line here.
 */
import type { SecretRule } from './rule.js';
import { AI_RULES } from './families/ai.js';
import { CI_CD_RULES } from './families/ci-cd.js';
import { CLOUD_RULES } from './families/cloud.js';
import { DATABASES_RULES } from './families/databases.js';
import { DEVELOPER_SERVICES_RULES } from './families/developer-services.js';
import { EMAIL_RULES } from './families/email.js';
import { FINANCE_RULES } from './families/finance.js';
import { GENERIC_RULES } from './families/generic.js';
import { IBM_RULES } from './families/ibm.js';
import { INFRASTRUCTURE_RULES } from './families/infrastructure.js';
import { KEY_RULES } from './families/keys.js';
import { MESSAGING_RULES } from './families/messaging.js';
import { OBSERVABILITY_RULES } from './families/observability.js';
import { PACKAGE_REGISTRY_RULES } from './families/package-registries.js';
import { PAYMENTS_RULES } from './families/payments.js';
import { PRODUCTIVITY_RULES } from './families/productivity.js';
import { SOCIAL_RULES } from './families/social.js';
import { SOURCE_CONTROL_RULES } from './families/source-control.js';

export const SECRET_RULES: readonly SecretRule[] = [
  ...KEY_RULES,
  ...CLOUD_RULES,
  // Moved out of the cloud family, in the same place: which rule reports a shared span is unchanged.
  ...DEVELOPER_SERVICES_RULES,
  ...SOURCE_CONTROL_RULES,
  ...PACKAGE_REGISTRY_RULES,
  ...INFRASTRUCTURE_RULES,
  ...CI_CD_RULES,
  ...DATABASES_RULES,
  ...MESSAGING_RULES,
  ...EMAIL_RULES,
  ...PAYMENTS_RULES,
  ...FINANCE_RULES,
  ...PRODUCTIVITY_RULES,
  ...SOCIAL_RULES,
  ...AI_RULES,
  ...OBSERVABILITY_RULES,
  ...IBM_RULES,
  ...GENERIC_RULES,
];
