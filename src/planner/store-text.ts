// A storage fault (storage/site-store.ts) in the UI language: the fault's dictionary text with the browser's reason.
// The browser reports in English (DOMException names and messages): the Chinese UI names the reasons a person can act
// on (the browser refused access) and otherwise says no reason was given, rather than showing the English.
import type { Lang } from '../ui/i18n-types.ts';
import { fillText } from '../ui/fill-text.ts';
import { pt } from './text.ts';
import type { StoreFault } from './storage/site-store.ts';

const DENIED = new Set(['SecurityError', 'NotAllowedError']);

function detail(f: StoreFault, lang: Lang): string {
  const name = f.params?.errorName ?? '';
  if (DENIED.has(name)) return pt(lang, 'storeDenied');
  if (lang === 'en' && (f.params?.errorMessage || name)) return f.params?.errorMessage || name;
  return pt(lang, 'storeUnknownError');
}

export function storeFaultText(f: StoreFault, lang: Lang): string {
  return fillText(pt(lang, f.key), { detail: detail(f, lang), count: f.params?.count ?? 0, reasons: f.params?.reasons ?? '' });
}
