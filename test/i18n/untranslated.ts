// The translation check behind the `i18n` browser suite: given the text a page shows, find what was left in the other
// language. Pure (no browser), so test/unit/i18n-check.test.ts proves it catches a deliberately untranslated string.
//  - English mode: any CJK character (ideographs, full-width punctuation) left once the data's own names are removed.
//    Township, village, project, river … names are data (the bureau's records are Chinese) and may appear in any UI
//    language; they are read from the data files, never typed here.
//  - Chinese mode: an English UI string from the dictionary (src/ui/i18n.ts) shown as it is.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ShownText {
  text: string;
  /** Where it was seen (a short selector path), for the failure message. */
  where: string;
}

export interface Finding extends ShownText {
  problem: string;
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]/;

/** Property keys whose values are names (of places, projects, features), not enumerations the UI must translate. */
const NAME_KEYS = /^(name|name_en|township_name|village|serves|mineral|title_zh|description_zh)$/;

/** Every name-like string with CJK in data/*.geojson and data/public/* (plus the plan's own target titles passed in). */
export function dataNames(dataDir: string): string[] {
  const names = new Set<string>();
  const files = [
    ...readdirSync(dataDir).filter((f) => f.endsWith('.geojson') && f !== 'stands.geojson').map((f) => path.join(dataDir, f)),
    ...readdirSync(path.join(dataDir, 'public')).filter((f) => f.endsWith('.geojson')).map((f) => path.join(dataDir, 'public', f)),
  ];
  for (const file of files) {
    const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: Array<{ properties: Record<string, unknown> | null }> };
    for (const f of fc.features) {
      for (const [k, v] of Object.entries(f.properties ?? {})) {
        if (NAME_KEYS.test(k) && typeof v === 'string' && CJK.test(v)) for (const part of v.split(',')) names.add(part.trim());
      }
    }
  }
  // Stands: township and village names only (52 MB of stands would be wasteful to scan for anything else).
  const stands = JSON.parse(readFileSync(path.join(dataDir, 'stands.geojson'), 'utf8')) as { features: Array<{ properties: Record<string, unknown> }> };
  for (const f of stands.features) {
    for (const k of ['township_name', 'village']) {
      const v = f.properties[k];
      if (typeof v === 'string') names.add(v);
    }
  }
  return [...names].filter(Boolean);
}

/** English mode: text with CJK characters that are not part of a data name. */
export function cjkLeaks(shown: readonly ShownText[], allowedNames: readonly string[]): Finding[] {
  // Longest first, so 潋江国家湿地公园 is removed before 潋江镇's shorter neighbours could split it.
  const names = [...new Set(allowedNames)].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  const out: Finding[] = [];
  for (const s of shown) {
    if (!CJK.test(s.text)) continue;
    let rest = s.text;
    for (const n of names) if (rest.includes(n)) rest = rest.split(n).join(' ');
    // The brackets around a data name (「潋江镇」) belong to it.
    rest = rest.replace(/[「」“”]/g, ' ');
    if (CJK.test(rest)) out.push({ ...s, problem: `Chinese text in the English UI: "${rest.trim().slice(0, 80)}"` });
  }
  return out;
}

/**
 * Chinese mode: an English dictionary string shown. Short strings (≤ 3 letters: "CSV", "kW") and strings without a
 * lower-case word are skipped, since those are units and abbreviations both languages use.
 */
export function englishLeaks(shown: readonly ShownText[], englishStrings: readonly string[], chineseStrings: readonly string[] = []): Finding[] {
  const zh = new Set(chineseStrings);
  const phrases = [...new Set(englishStrings)].filter((e) => !zh.has(e) && /[a-z]{3,}/.test(e) && e.replace(/[^A-Za-z]/g, '').length > 3 && !/\{/.test(e));
  const templates = [...new Set(englishStrings)].filter((e) => /\{\w+\}/.test(e) && !zh.has(e));
  const out: Finding[] = [];
  for (const s of shown) {
    if (!/[a-z]{3,}/.test(s.text)) continue;
    const hit = phrases.find((p) => s.text === p || (p.includes(' ') && s.text.includes(p)));
    if (hit) {
      out.push({ ...s, problem: `English UI text in the Chinese UI: "${hit}"` });
      continue;
    }
    // A template's fixed words (those of at least two words in a row) shown in the text.
    for (const t of templates) {
      const pieces = t.split(/\{\w+\}/).map((x) => x.trim()).filter((x) => /[a-z]{3,} [a-z]{2,}/i.test(x));
      const piece = pieces.find((x) => s.text.includes(x));
      if (piece) {
        out.push({ ...s, problem: `English UI text in the Chinese UI: "${piece}" (from "${t}")` });
        break;
      }
    }
  }
  return out;
}

/**
 * Chinese mode, strict: English words in a text that is not from the dictionary at all (an import's error message
 * passed through from the parser: "possible zip bomb", "nested too deeply"). `allowed` lists the words both languages
 * write (format names, codes, the file's own values).
 */
export function englishWords(shown: readonly ShownText[], allowed: RegExp): Finding[] {
  const out: Finding[] = [];
  for (const s of shown) {
    const words = (s.text.match(/[A-Za-z][A-Za-z'-]{2,}/g) ?? []).filter((w) => !allowed.test(w));
    if (words.length) out.push({ ...s, problem: `English words in the Chinese UI: ${words.slice(0, 6).join(' ')}` });
  }
  return out;
}
