// Error-analysis summary: each category's share of the tagged errors and its priority (share / fix cost).
import type { ErrorAnalysis } from './review-import.ts';

export interface CategorySummary {
  readonly category: string;
  readonly count: number;
  /** count / tagged rows: the most this category's fix can remove of the reviewed errors (shares can sum past 1) */
  readonly share: number;
  /** mean fix_cost of its rows that have one; null when none does */
  readonly fixCost: number | null;
  /** share × 1/fixCost; null without a fix cost */
  readonly priority: number | null;
}

export interface ReviewSummary {
  readonly runId: string;
  readonly model: string;
  readonly reviewed: number;
  readonly tagged: number;
  /** by priority, highest first (categories without a fix cost last, by share) */
  readonly categories: readonly CategorySummary[];
  /** the first three categories */
  readonly top: readonly string[];
}

export function summarizeReview(a: ErrorAnalysis): ReviewSummary {
  const tagged = a.rows.filter((r) => r.categories.length > 0);
  const byCategory = new Map<string, { count: number; costs: number[] }>();
  for (const r of tagged) {
    for (const c of r.categories) {
      const s = byCategory.get(c) ?? { count: 0, costs: [] };
      s.count++;
      if (r.fixCost !== null) s.costs.push(r.fixCost);
      byCategory.set(c, s);
    }
  }
  const categories = [...byCategory].map(([category, s]) => summaryOf(category, s.count, s.costs, tagged.length)).sort(byPriority);
  return { runId: a.runId, model: a.model, reviewed: a.rows.length, tagged: tagged.length, categories, top: categories.slice(0, 3).map((c) => c.category) };
}

function summaryOf(category: string, count: number, costs: readonly number[], tagged: number): CategorySummary {
  const share = count / tagged;
  const fixCost = costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : null;
  return { category, count, share, fixCost, priority: fixCost === null ? null : share / fixCost };
}

function byPriority(a: CategorySummary, b: CategorySummary): number {
  if (a.priority !== null && b.priority !== null && a.priority !== b.priority) return b.priority - a.priority;
  if ((a.priority === null) !== (b.priority === null)) return a.priority === null ? 1 : -1;
  return b.share - a.share || a.category.localeCompare(b.category);
}
