// What an imported feature carries into a site: its name from a name-like attribute (名称, MC, NAME, 地块名称 …), else
// from the stand numbers of an inventory (林班 LIN_BAN, 小班 XIAO_BAN); its note from a note-like one (备注, BZ, note …);
// every other attribute kept as it was, shown with the site and exported with it.

const NAME_KEYS = ['名称', 'name', 'mc', '地块名称', 'dkmc', '项目名称', 'xmmc', '名字', 'title', 'label'];
const NOTE_KEYS = ['备注', 'bz', 'note', 'notes', 'remark', 'remarks', 'description', 'desc', '说明', 'beizhu'];
const LIN_BAN = ['lin_ban', 'linban', '林班', '林班号'];
const XIAO_BAN = ['xiao_ban', 'xiaoban', '小班', '小班号', 'xbh'];

type Props = Record<string, unknown> | null | undefined;

/** The value as text, exactly as the file has it (blank text counts as no value). */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return typeof v === 'string' && v.trim() !== '' ? v : '';
}

/**
 * The first non-empty value among `keys` (compared case-insensitively), with the key it came from. A bilingual header
 * ("名称 name", the planner's own CSV) answers to each of its words.
 */
function pick(p: Props, keys: string[]): { key: string; value: string } | null {
  if (!p) return null;
  const byLower = new Map(Object.keys(p).map((k) => [k.toLowerCase(), k]));
  for (const k of Object.keys(p)) for (const word of k.toLowerCase().split(/\s+/)) if (!byLower.has(word)) byLower.set(word, k);
  for (const k of keys) {
    const real = byLower.get(k);
    const v = real === undefined ? '' : text(p[real]);
    if (real !== undefined && v) return { key: real, value: v };
  }
  return null;
}

export interface CarriedAttributes {
  /** Null when the feature has no name-like attribute nor stand numbers (the caller numbers it). */
  name: string | null;
  /** The site type the feature carries (type / 类型), as written; the caller checks it is one. */
  type: string | null;
  note: string;
  /** Every attribute with a value, as text (name and note included, so nothing is lost on export). */
  attributes: Record<string, string>;
}

export function carriedAttributes(p: Props, lang: 'zh' | 'en'): CarriedAttributes {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(p ?? {})) {
    const t = typeof v === 'boolean' ? String(v) : text(v);
    if (t) attributes[k] = t.slice(0, 500);
  }
  let name = pick(p, NAME_KEYS)?.value ?? null;
  if (!name) {
    const lin = pick(p, LIN_BAN)?.value;
    const xiao = pick(p, XIAO_BAN)?.value;
    if (xiao) name = lang === 'zh' ? `${lin ? `${lin} 林班 ` : ''}${xiao} 小班` : `${lin ? `compartment ${lin}, ` : ''}stand ${xiao}`;
  }
  return { name: name ? name.slice(0, 200) : null, type: pick(p, ['type', '类型', 'lx'])?.value ?? null, note: (pick(p, NOTE_KEYS)?.value ?? '').slice(0, 2000), attributes };
}
