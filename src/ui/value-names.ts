// English names of the Chinese enumerated values in data/ (species, land classes, statuses …). Data stays in Chinese,
// as the bureau's inventory is; the English UI translates values through this table and shows unknown values as they are.
export const VALUE_NAMES_EN: Record<string, string> = {
  // 监测图斑 check statuses (src/core/monitoring/patches.ts)
  待核查: 'To be checked',
  '已核查·属实': 'Checked: confirmed',
  '已核查·不属实': 'Checked: not confirmed',
  合法: 'Lawful',
  // 优势树种
  杉木: 'Chinese fir',
  马尾松: 'Masson pine',
  湿地松: 'Slash pine',
  硬阔: 'Hard broadleaf',
  软阔: 'Soft broadleaf',
  针阔混: 'Mixed conifer–broadleaf',
  阔叶混: 'Mixed broadleaf',
  毛竹: 'Moso bamboo',
  油茶: 'Oil tea (Camellia)',
  灌木: 'Shrub',
  无: 'None',
  // 地类
  乔木林地: 'Arbor forest land',
  竹林地: 'Bamboo forest land',
  特灌林地: 'Special shrub forest land',
  一般灌木林地: 'Other shrub land',
  疏林地: 'Sparse forest land',
  未成林造林地: 'Young plantation (not closed)',
  迹地: 'Cut-over land',
  宜林地: 'Land suitable for forest',
  // 起源, 龄组
  天然: 'Natural',
  人工: 'Planted',
  幼龄林: 'Young',
  中龄林: 'Middle-aged',
  近熟林: 'Near-mature',
  成熟林: 'Mature',
  过熟林: 'Over-mature',
  // 低效林改造
  更新: 'Replacement',
  补植: 'Supplementary planting',
  抚育: 'Tending',
  封育: 'Closure for regeneration',
  新造高产: 'New high-yield planting',
  低产改造: 'Low-yield upgrade',
  疫点: 'Infected',
  已除治: 'Treated',
  // statuses
  已通气: 'Gas supplied',
  规划2030: 'Planned by 2030',
  未规划: 'Not planned',
  待修复: 'To be restored',
  修复中: 'Being restored',
  已修复: 'Restored',
  规划: 'Planned',
  在建: 'Under construction',
  并网: 'Grid-connected',
  已建: 'Built',
  实施中: 'Under way',
  已完成: 'Completed',
  渔光互补: 'Fishery–PV',
  农光互补: 'Agri–PV',
  湿地公园: 'Wetland park',
  河流湿地: 'River wetland',
  小微湿地: 'Small wetland',
  库塘湿地: 'Reservoir/pond wetland',
  镇: 'Town',
  乡: 'Township',
};

export function valueName(value: unknown, lang: 'zh' | 'en'): string {
  const text = value === null || value === undefined ? '—' : String(value);
  return lang === 'en' ? (VALUE_NAMES_EN[text] ?? text) : text;
}
