/**
 * CVSS base scores from vector strings, exactly per the FIRST specifications of each version:
 *
 *   cvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H') -> { version: '3.1', baseScore: 9.8, severity: 'critical' }
 *   cvss('AV:N/AC:L/Au:N/C:P/I:P/A:P')                  -> { version: '2.0', baseScore: 7.5, severity: 'high' }
 *
 * v2 vectors carry no prefix (NVD's "(AV:N/...)" parentheses and a "CVSS:2.0/" prefix are
 * accepted). For v4.0, "baseScore" is the score of all metrics present (CVSS-B/BT/BE/BTE), which
 * is what the v4.0 specification calls the score of the vector; v2 and v3 also report their
 * temporal and environmental scores. Invalid vectors throw InvalidCvssVectorError.
 */
import { InvalidCvssVectorError } from './errors.js';
import { type V2Scores, scoreV2 } from './v2.js';
import { type V3Scores, scoreV3 } from './v3.js';
import { scoreV4 } from './v4.js';

export { InvalidCvssVectorError } from './errors.js';

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';
export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

export interface CvssScore {
  readonly version: CvssVersion;
  /** v2/v3: the base score. v4.0: the score of every metric present (CVSS-B, -BT, -BE or -BTE). */
  readonly baseScore: number;
  /** Qualitative rating of baseScore. */
  readonly severity: CvssSeverity;
  /** v2/v3 only: the temporal score (equal to the base score when no temporal metric is set). */
  readonly temporalScore?: number;
  /** v2/v3 only: the environmental score, which includes the temporal metrics. */
  readonly environmentalScore?: number;
}

/**
 * Qualitative rating. v3.x and v4.0 use the specification's scale (None 0.0, Low 0.1-3.9,
 * Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0). v2.0 defines no scale; NVD's v2 ranges are
 * used (Low 0.0-3.9, Medium 4.0-6.9, High 7.0-10.0), so v2 is never "none" or "critical".
 */
export function severityOf(version: CvssVersion, score: number): CvssSeverity {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score === 0) return 'none';
  return score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
}

export function cvss(vector: string): CvssScore {
  const text = vector.trim();
  if (text.startsWith('CVSS:4.0/')) {
    const score = scoreV4(vector, text.slice(9));
    return { version: '4.0', baseScore: score, severity: severityOf('4.0', score) };
  }
  const [version, scores] = scoreOlder(vector, text);
  return {
    version,
    baseScore: scores.base,
    severity: severityOf(version, scores.base),
    temporalScore: scores.temporal,
    environmentalScore: scores.environmental,
  };
}

function scoreOlder(vector: string, text: string): [CvssVersion, V2Scores | V3Scores] {
  if (text.startsWith('CVSS:3.1/')) return ['3.1', scoreV3(vector, text.slice(9), '3.1')];
  if (text.startsWith('CVSS:3.0/')) return ['3.0', scoreV3(vector, text.slice(9), '3.0')];
  if (text.startsWith('CVSS:2.0/')) return ['2.0', scoreV2(vector, text.slice(9))];
  if (text.startsWith('CVSS:')) throw new InvalidCvssVectorError(vector, 'unknown CVSS version prefix (supported: 2.0, 3.0, 3.1, 4.0)');
  const unwrapped = text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
  if (unwrapped.startsWith('AV:')) return ['2.0', scoreV2(vector, unwrapped)];
  throw new InvalidCvssVectorError(vector, 'not a CVSS vector (expected "CVSS:3.1/...", "CVSS:4.0/..." or a v2 "AV:...")');
}
