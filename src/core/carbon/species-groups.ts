// Species groups of the carbon model and how 优势树种 names map onto them; the parameter rows they name are in factors.ts.
// A group names which row of each parameter table it uses, so substitutions are visible rather than hidden.

export type StandKind = 'tree' | 'bamboo' | 'oil_tea' | 'shrub' | 'none';

export interface SpeciesGroup {
  id: string; // Chinese group name, as in the factor tables
  en: string;
  kind: StandKind;
  befRow?: string; // key into factors.bef.rows
  fangRow?: string; // key into factors.fang.rows
  note?: string;
}

const g = (id: string, en: string, befRow: string, fangRow: string, note?: string): SpeciesGroup => ({
  id,
  en,
  kind: 'tree',
  befRow,
  fangRow,
  note,
});

export const SPECIES_GROUPS: Record<string, SpeciesGroup> = {
  杉木: g('杉木', 'Chinese fir', '杉木', '杉木'),
  马尾松: g('马尾松', 'Masson pine', '马尾松', '马尾松'),
  湿地松: g('湿地松', 'Slash pine', '湿地松', '其他松类', 'Fang: 其他松类 function'),
  国外松: g('国外松', 'Exotic pines', '国外松', '其他松类', 'Fang: 其他松类 function'),
  其他松类: g('其他松类', 'Other pines', '其他松类', '其他松类'),
  柳杉水杉: g('柳杉水杉', 'Cryptomeria / Metasequoia', '针叶混', '柳杉水杉', 'BEF: 针叶混 row (no own row)'),
  柏木: g('柏木', 'Cypress', '针叶混', '柏木', 'BEF: 针叶混 row (no own row)'),
  硬阔: g('硬阔', 'Hard broadleaves', '硬阔', '硬阔'),
  栎类: g('栎类', 'Oaks', '栎类', '栎类'),
  木荷: g('木荷', 'Schima', '木荷', '木荷樟'),
  枫香: g('枫香', 'Sweetgum', '枫香', '硬阔', 'Fang: 硬阔 function'),
  樟楠: g('樟楠', 'Camphor / Phoebe', '硬阔', '木荷樟', 'BEF: 硬阔 row'),
  软阔: g('软阔', 'Soft broadleaves', '软阔', '软阔'),
  桉树: g('桉树', 'Eucalyptus', '桉树', '阔叶混', 'Fang: no eucalyptus function, 阔叶混 used'),
  针叶混: g('针叶混', 'Mixed conifers', '针叶混', '针叶混'),
  针阔混: g('针阔混', 'Mixed conifer–broadleaf', '针阔混', '针阔混'),
  阔叶混: g('阔叶混', 'Mixed broadleaves', '阔叶混', '阔叶混'),
  毛竹: { id: '毛竹', en: 'Moso bamboo', kind: 'bamboo' },
  油茶: { id: '油茶', en: 'Oil-tea camellia', kind: 'oil_tea' },
  灌木: { id: '灌木', en: 'Shrubs', kind: 'shrub', note: 'Shrub carbon not modelled (no sourced factor)' },
  无: { id: '无', en: 'No tree cover', kind: 'none' },
};

// Species names seen in 二类 data → group id. Checked in order: exact names first, then substrings.
const EXACT: Record<string, string> = {
  杉木: '杉木', 杉: '杉木', 杉木林: '杉木',
  马尾松: '马尾松', 马尾松林: '马尾松',
  湿地松: '湿地松',
  火炬松: '国外松', 加勒比松: '国外松', 国外松: '国外松',
  黄山松: '其他松类', 其他松: '其他松类', 其他松类: '其他松类', 松类: '其他松类',
  柳杉: '柳杉水杉', 水杉: '柳杉水杉', 池杉: '柳杉水杉',
  柏木: '柏木', 柏类: '柏木',
  硬阔: '硬阔', 硬阔类: '硬阔', 其他硬阔: '硬阔', 其他硬阔类: '硬阔', 锥栲: '硬阔', 栲类: '硬阔', 甜槠: '硬阔',
  栎类: '栎类', 栎: '栎类', 麻栎: '栎类', 青冈: '栎类', 青冈栎: '栎类',
  木荷: '木荷', 荷木: '木荷',
  枫香: '枫香', 枫香树: '枫香',
  樟: '樟楠', 樟树: '樟楠', 香樟: '樟楠', 楠木: '樟楠', 闽楠: '樟楠', 樟楠: '樟楠',
  软阔: '软阔', 软阔类: '软阔', 其他软阔: '软阔', 其他软阔类: '软阔', 泡桐: '软阔', 杨树: '软阔', 檫木: '软阔', 拟赤杨: '软阔',
  桉树: '桉树', 桉: '桉树', 尾巨桉: '桉树',
  针叶混: '针叶混', 针叶混交林: '针叶混',
  针阔混: '针阔混', 针阔混交林: '针阔混', 针阔混交: '针阔混',
  阔叶混: '阔叶混', 阔叶混交林: '阔叶混', 阔叶混交: '阔叶混',
  毛竹: '毛竹', 竹: '毛竹', 竹类: '毛竹', 毛竹林: '毛竹', 竹林: '毛竹',
  // 竹柏 (Nageia nagi) is a podocarp conifer despite its name: other conifers, not bamboo.
  竹柏: '针叶混',
  油茶: '油茶', 油茶林: '油茶',
  灌木: '灌木', 灌木林: '灌木',
  无: '无', '': '无',
};

/** Group id for a 优势树种 name, or null when unknown (callers report it rather than guess). */
// Memo: an inventory has a few dozen distinct species names and the county pass asks 200k times.
const groupMemo = new Map<string, string | null>();

export function speciesGroupOf(species: string | null | undefined): string | null {
  const key = species ?? '';
  let g = groupMemo.get(key);
  if (g === undefined) {
    g = matchSpeciesGroup(key);
    if (groupMemo.size < 10_000) groupMemo.set(key, g);
  }
  return g;
}

function matchSpeciesGroup(species: string): string | null {
  const s = species.trim();
  if (s in EXACT) return EXACT[s];
  // Bamboo names end in 竹 (刚竹, 雷竹 …) or name bamboo land (竹林, 竹类); 竹柏 and the like are trees.
  if (/竹$|竹林|竹类/.test(s)) return '毛竹';
  if (s.includes('柏')) return '柏木';
  if (s.includes('油茶')) return '油茶';
  if (s.includes('桉')) return '桉树';
  if (s.includes('松')) return '其他松类';
  return null;
}
