/**
 * What a compliance score is a share of, said beside it in every human report: the score counts
 * judged controls only (manual ones, and those with nothing in the input to judge, are out), so a
 * bare "33%" would read very differently from "1 of 3 judged controls pass, 120 manual".
 */
import type { Compliance } from '../../model/report.js';

export function complianceScoreBasis(compliance: Compliance): string {
  const judged = compliance.controls.filter((control) => control.status !== 'manual');
  const passed = judged.filter((control) => control.status === 'pass').length;
  return `${passed} of ${judged.length} judged controls pass, ${compliance.controls.length - judged.length} manual not scored`;
}
