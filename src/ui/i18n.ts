// UI strings in 简体中文 (primary) and English. Components call t('key'); data values go through value-names.ts.
import { createContext, useContext } from 'react';
import type { Lang } from './i18n-types.ts';

export const UI_TEXT = {
  appTitle: { zh: '兴国碳汇图', en: 'Xingguo Carbon-Sink Map' },
  appSubtitle: { zh: '兴国县碳汇与国土项目一张图', en: 'Carbon sinks and land projects of Xingguo County' },
  sampleBadge: { zh: '示例数据', en: 'Sample data' },
  sampleBadgeDetail: {
    zh: '县界、乡镇名称与代码、规划点名项目为真实信息；乡镇界线、小班及其他图层均为模拟数据，仅供演示。',
    en: 'The county outline, township names and codes, and the projects named in the plan are real; township boundaries, stands and all other layers are synthetic.',
  },
  layers: { zh: '图层', en: 'Layers' },
  legend: { zh: '图例', en: 'Legend' },
  opacity: { zh: '透明度', en: 'Opacity' },
  zoomToTownship: { zh: '定位乡镇', en: 'Zoom to township' },
  wholeCounty: { zh: '全县', en: 'Whole county' },
  cursor: { zh: '经纬度', en: 'Lon/Lat' },
  language: { zh: 'English', en: '中文' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  measuredArea: { zh: '椭球面积', en: 'Ellipsoidal area' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  close: { zh: '关闭', en: 'Close' },
  dataError: { zh: '数据加载失败', en: 'Data failed to load' },
  offlineNote: { zh: '离线底图', en: 'Offline basemap' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof UI_TEXT;

export const LangContext = createContext<Lang>('zh');

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useT(): (key: TextKey) => string {
  const lang = useLang();
  return (key) => UI_TEXT[key][lang];
}
