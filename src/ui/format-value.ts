// Formats attribute values for popups and tables. Pure, so the text the user reads is unit-tested.
import type { FieldFormat } from '../layers/types.ts';
import type { Lang } from './i18n-types.ts';
import { valueName } from './value-names.ts';
import { localeOf } from './i18n.ts';


export function formatValue(value: unknown, format: FieldFormat | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (format) {
    case 'boolean':
      return value === true || value === 'true' ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
    case 'year':
    case 'text':
    case undefined:
      return valueName(value, lang);
    case 'integer':
      return Number.isFinite(Number(value)) ? Math.round(Number(value)).toLocaleString(localeOf(lang)) : String(value);
    case 'ratio':
      return Number.isFinite(Number(value)) ? Number(value).toFixed(2) : String(value);
    case 'number':
    case 'area': {
      const n = Number(value);
      if (!Number.isFinite(n)) return String(value);
      return n.toLocaleString(localeOf(lang), { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 2 });
    }
  }
}
