/** The zod schema of a `version` option that names a Pod Security Standards policy version. */
import { z } from 'zod';
import { isPssVersion } from './policy-version.js';
import type { PssLevel } from './types.js';

export const pssVersionOption = z
  .string()
  .refine(isPssVersion, { message: 'must be "latest" or "v1.x" (e.g. "v1.29")' });

export const pssLevelOption = z.enum(['privileged', 'baseline', 'restricted'] satisfies PssLevel[]);
