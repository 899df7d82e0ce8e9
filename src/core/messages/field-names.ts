// The names of the fields the API checks and the history shows, in both languages: the API's own field names (name,
// note, year …) and the properties of the project layers (restored_year, capacity_mw …). A message parameter that
// names a field (`field`, `statusField`) and a history entry ("修复年度：— → 2025") show these names, never the raw
// key. The project layers' names are the ones their popups use (src/layers/public-registry.ts; a unit test keeps
// them equal). Pure data.
import type { Lang } from '../geo/units.ts';

export const FIELD_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  // The API's fields (sites, project edits, requests).
  id: { zh: '编号', en: 'id' },
  name: { zh: '名称', en: 'name' },
  note: { zh: '备注', en: 'note' },
  notes: { zh: '备注', en: 'notes' },
  origin: { zh: '来源', en: 'origin' },
  type: { zh: '类型', en: 'type' },
  geometry: { zh: '几何图形', en: 'geometry' },
  sharing: { zh: '共享', en: 'sharing' },
  version: { zh: '版本', en: 'version' },
  status: { zh: '状态', en: 'status' },
  year: { zh: '年份', en: 'year' },
  capacity: { zh: '容量', en: 'capacity' },
  reason: { zh: '原因', en: 'reason' },
  body: { zh: '请求内容', en: 'request body' },
  since: { zh: '起始时间', en: 'since' },
  limit: { zh: '条数上限', en: 'limit' },
  username: { zh: '用户名', en: 'user name' },
  password: { zh: '密码', en: 'password' },
  deleted: { zh: '删除', en: 'deleted' },
  retired: { zh: '停用', en: 'retired' },
  // Properties of the project layers (data/README.md), as their popups name them.
  restored_year: { zh: '修复年度', en: 'Restored' },
  grid_year: { zh: '并网年度', en: 'Grid year' },
  restoration: { zh: '修复', en: 'Restoration' },
  restoration_year: { zh: '修复年度', en: 'Restoration year' },
  planted_year: { zh: '造林年度', en: 'Planted' },
  target_year: { zh: '目标年度', en: 'Target year' },
  gas_status: { zh: '天然气', en: 'Gas supply' },
  gas_year: { zh: '通气年度', en: 'Gas year' },
  capacity_mw: { zh: '装机容量', en: 'Capacity' },
  township_code: { zh: '乡镇代码', en: 'Township code' },
  code: { zh: '乡镇代码', en: 'Code' },
  kind: { zh: '类型', en: 'Kind' },
  mineral: { zh: '矿种', en: 'Mineral' },
  plan_named: { zh: '规划点名项目', en: 'Named in the plan' },
  species: { zh: '树种', en: 'Species' },
  stand_ids: { zh: '小班', en: 'Stands' },
  serves: { zh: '供气范围', en: 'Serves' },
  turbines: { zh: '风机数', en: 'Turbines' },
  farm_id: { zh: '所属风电场', en: 'Wind farm' },
  hub_height_m: { zh: '轮毂高度', en: 'Hub height' },
  voltage_kv: { zh: '电压等级', en: 'Voltage' },
  name_en: { zh: '英文名称', en: 'English name' },
  seat: { zh: '驻地', en: 'Seat' },
  synthetic_boundary: { zh: '模拟界线', en: 'Synthetic boundary' },
};

/** A field's name in `lang`; a field the table does not know keeps its key (so it is noticed, not hidden). */
export function fieldName(field: string, lang: Lang): string {
  const hit = Object.hasOwn(FIELD_NAMES, field) ? FIELD_NAMES[field] : undefined;
  if (hit) return hit[lang];
  // "sharing.users" → 共享.users: the first part named, the rest as it is.
  const dot = field.indexOf('.');
  return dot > 0 && Object.hasOwn(FIELD_NAMES, field.slice(0, dot)) ? `${FIELD_NAMES[field.slice(0, dot)][lang]}${field.slice(dot)}` : field;
}
