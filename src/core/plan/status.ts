// Target status. A target whose deadline has passed is either achieved or missed (with its shortfall); one still
// open is on track, behind or not started — judged by the layer's own project status where a rule supplies it,
// otherwise against a straight line from the start of the 十四五 period.
import type { PlanTarget } from './targets.ts';

export type TargetStatus = 'achieved' | 'missed' | 'on_track' | 'behind' | 'not_started';
export type Outlook = 'on_track' | 'behind' | 'not_started';

/** The one wording of each status, for the dashboard, the public page and the CLI alike. */
export const STATUS_TEXT: Record<TargetStatus, { zh: string; en: string }> = {
  achieved: { zh: '已完成', en: 'Achieved' },
  missed: { zh: '未完成', en: 'Missed' },
  on_track: { zh: '进展正常', en: 'On track' },
  behind: { zh: '进度滞后', en: 'Behind' },
  not_started: { zh: '未启动', en: 'Not started' },
};

/** First year of the plan period (十四五 2021–2025) used for straight-line expectations. */
export const PLAN_START_YEAR = 2021;

export function isMet(t: Pick<PlanTarget, 'comparator' | 'target'>, value: number): boolean {
  return t.comparator === 'gt' ? value > t.target : value >= t.target;
}

export function targetStatus(
  t: Pick<PlanTarget, 'comparator' | 'target' | 'target_year'>,
  value: number,
  asOfYear: number,
  outlook?: Outlook,
): TargetStatus {
  if (isMet(t, value)) return 'achieved';
  if (t.target_year != null && asOfYear > t.target_year) return 'missed';
  if (outlook) return outlook;
  if (!(value > 0)) return 'not_started';
  if (t.target_year == null) return 'on_track';
  // share of the period elapsed by the end of asOfYear
  const elapsed = (asOfYear - PLAN_START_YEAR + 1) / (t.target_year - PLAN_START_YEAR + 1);
  return value / t.target >= Math.min(1, Math.max(0, elapsed)) ? 'on_track' : 'behind';
}

export function shortfall(t: Pick<PlanTarget, 'target'>, value: number): number {
  return Math.max(0, t.target - value);
}
