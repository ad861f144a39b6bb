/**
 * The findings table's Risk column: present only when some finding carries a risk (the attack
 * analysis ran), so a report without one renders exactly as before. The header is a button that
 * sorts by score; the page keeps the report's order until it is pressed.
 */
import type { FindingRisk } from '../../model/risk.js';
import type { Severity } from '../../model/severity.js';
import { SEVERITIES } from '../../model/severity.js';
import { escapeHtml as h } from './escape.js';
import { RISK_ARROWS, RISK_CONTEXTS } from '../common/risk.js';

/** What the page's script shows in a risk cell, formatted here as the other cells are. */
export interface RiskCell {
  readonly score: number;
  readonly level: Severity;
  /** '↑' raised by an attack path, '↓' lowered because nothing reaches it, '' unchanged. */
  readonly arrow: string;
  /**
   * The hover text (where the finding sits in the attack graph and why the score is what it is),
   * as an index into the page data's `why` list: most findings share a handful of reasons, and a
   * report of 100,000 findings should not embed the same sentence 100,000 times.
   */
  readonly why: number;
}

/** Hands out one index per distinct hover text, in order of first use. */
export class WhyTable {
  private readonly index = new Map<string, number>();
  readonly texts: string[] = [];

  indexOf(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.index.set(text, i);
      this.texts.push(text);
    }
    return i;
  }
}


export function riskCell(risk: FindingRisk, why: WhyTable): RiskCell {
  return { score: risk.score, level: risk.level, arrow: RISK_ARROWS[risk.context], why: why.indexOf(`${RISK_CONTEXTS[risk.context]}: ${risk.reason}`) };
}


/** The header cell; aria-sort tells assistive technology (and the CSS arrow) the current order. */
export const RISK_HEADER =
  '<th class="risk" aria-sort="none"><button type="button" id="sort-risk" title="Sort by risk: highest first, lowest first, then back to the report order">Risk</button></th>';

export function riskFilter(): string {
  const options = SEVERITIES.map((s) => `<option value="${h(s)}">risk ${h(s)}</option>`).join('');
  return `<select id="filter-risk" aria-label="Risk level"><option value="">All risk levels</option>${options}</select>`;
}

/** Appended to the page's stylesheet only with the column (and so covered by its CSP hash). */
export const RISK_STYLE = `
th.risk button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th.risk button:focus-visible { outline: 2px solid var(--low); outline-offset: 2px; }
th.risk[aria-sort=descending] button::after { content: " \\25BC"; }
th.risk[aria-sort=ascending] button::after { content: " \\25B2"; }
td.risk { white-space: nowrap; }
td.risk .arrow { font-weight: 600; margin-left: 3px; }
`;
