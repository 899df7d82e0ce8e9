// Display text for plan targets: values in the target's base unit (亩 first, 万亩 for large areas), status labels.
// Pure, so the dashboard's text is checked against the CLI's numbers in tests.
import type { TargetUnit } from '../../core/plan/targets.ts';
import type { Lang } from '../i18n-types.ts';
import { localeOf } from '../i18n.ts';


const UNIT_TEXT: Record<TargetUnit, Record<Lang, string>> = {
  mu: { zh: '亩', en: 'mu' },
  m3: { zh: '立方米', en: 'm³' },
  kW: { zh: '千瓦', en: 'kW' },
  '%': { zh: '%', en: '%' },
  count: { zh: '项', en: '' },
};

export function formatTargetValue(value: number, unit: TargetUnit, lang: Lang): string {
  if (!Number.isFinite(value)) return '—';
  const digits = unit === '%' ? 2 : 0;
  const text = value.toLocaleString(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const u = UNIT_TEXT[unit][lang];
  return unit === '%' ? `${text}%` : u ? `${text} ${u}` : text;
}

export { STATUS_TEXT } from '../../core/plan/status.ts';

/** Progress bar fill, 0–100 (a ratio above 1 fills the bar; the text shows the real percentage). */
export function progressPercent(ratio: number | null): number {
  if (ratio === null || !Number.isFinite(ratio)) return 0;
  return Math.max(0, Math.min(100, ratio * 100));
}

export function formatRatio(ratio: number | null, lang: Lang): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toLocaleString(localeOf(lang), { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`;
}
