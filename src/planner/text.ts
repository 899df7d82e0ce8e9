// Planner strings, zh first. tr() keeps call sites short: tr(lang, '亩', 'mu').
import type { Lang } from '../ui/i18n-types.ts';

export const tr = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

export const MODE_LABELS: Record<string, [string, string]> = {
  polygon: ['多边形', 'Polygon'], rectangle: ['矩形', 'Rectangle'], circle: ['圆', 'Circle'], linestring: ['线', 'Line'],
  point: ['点', 'Point'], freehand: ['手绘', 'Freehand'], select: ['选择/移动', 'Select/move'],
};

export const LAYER_LABELS: Record<string, [string, string]> = {
  wetlands: ['湿地', 'Wetlands'], mines: ['矿山修复', 'Mine restoration'], pv: ['光伏', 'PV'], windFarms: ['风电', 'Wind farms'],
  carbonPilots: ['碳汇造林试点', 'Carbon afforestation pilots'], oilTeaBases: ['油茶基地', 'Oil-tea bases'],
};
