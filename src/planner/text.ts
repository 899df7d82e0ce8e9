// Planner strings, zh first. tr() keeps call sites short: tr(lang, '亩', 'mu').
import type { Lang } from '../ui/i18n-types.ts';

export const tr = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);
/** The colon after a label: full-width in Chinese, ': ' in English. */
export const colon = (lang: Lang): string => (lang === 'zh' ? '：' : ': ');
/** Text in brackets: full-width in Chinese, ' (…)' in English. */
export const paren = (lang: Lang, text: string): string => (lang === 'zh' ? `（${text}）` : ` (${text})`);

export const MODE_LABELS: Record<string, [string, string]> = {
  static: ['浏览', 'Browse'], measure: ['测距', 'Distance'],
  polygon: ['多边形', 'Polygon'], rectangle: ['矩形', 'Rectangle'], circle: ['圆', 'Circle'], linestring: ['线', 'Line'],
  point: ['点', 'Point'], freehand: ['手绘', 'Freehand'], select: ['选择/编辑', 'Select/edit'],
};

/** One line under the toolbar saying what a drag does in the current mode. */
export const MODE_HINTS: Record<string, [string, string]> = {
  static: ['浏览：拖动地图即平移，地块不会被改动。要改形状请点「选择/编辑」。', 'Browse: dragging pans the map; sites cannot change. To reshape a site, choose Select/edit.'],
  select: ['编辑：点选地块后拖动节点或整块移动；Ctrl+Z 撤销；Esc 退出编辑。', 'Edit: click a site, then drag its vertices or the whole site; Ctrl+Z undoes; Esc leaves editing.'],
  measure: ['测距：单击逐点量测，再次单击末点或按 Enter 结束；不会保存为地块；Esc 退出。', 'Distance: click point by point; click the last point again or press Enter to finish; not saved as a site; Esc leaves.'],
  draw: ['绘制：单击加点，单击首点闭合；拖动地图仍是平移；Esc 取消/退出。', 'Draw: click to add points, click the first point to close; dragging still pans; Esc cancels or leaves.'],
};
