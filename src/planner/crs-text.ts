// A coordinate system by name in the UI language ("CGCS2000 3° 高斯-克吕格 第 38 带"), from its EPSG id through the
// CRS table (core/geo/crs.ts), and how an import decided it; crs.ts keeps EPSG's English names for files and logs.
import { crsByCode, type CrsDef } from '../core/geo/crs.ts';
import type { CrsHow } from '../core/io/types.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { fillText } from '../ui/fill-text.ts';
import { pt } from './text.ts';

function datumName(def: CrsDef, lang: Lang): string {
  if (def.datum === 'XIAN1980') return pt(lang, 'datumXian1980');
  if (def.datum === 'BEIJING1954') return pt(lang, 'datumBeijing1954');
  return def.datum === 'WGS84' ? 'WGS 84' : 'CGCS2000';
}

/** The name of the CRS with this id ('EPSG:4526', 'lonlat'); a custom definition is named by its own text. */
export function crsName(id: string, lang: Lang, customName = ''): string {
  if (id === 'lonlat') return fillText(pt(lang, 'crsGeographic'), { datum: 'WGS 84/CGCS2000' });
  const code = Number(/^EPSG:(\d+)$/i.exec(id)?.[1]);
  const def = Number.isFinite(code) ? crsByCode(code) : undefined;
  if (!def) return fillText(pt(lang, 'crsCustom'), { name: customName || id });
  const datum = datumName(def, lang);
  if (def.kind === 'geographic') return fillText(pt(lang, 'crsGeographic'), { datum });
  if (def.kind === 'gk3') return def.zone ? fillText(pt(lang, 'crsGk3Zone'), { datum, zone: def.zone }) : fillText(pt(lang, 'crsGk3Cm'), { datum, cm: def.cm ?? '' });
  if (def.kind === 'gk6') return def.zone ? fillText(pt(lang, 'crsGk6Zone'), { datum, zone: def.zone }) : fillText(pt(lang, 'crsGk6Cm'), { datum, cm: def.cm ?? '' });
  if (def.code === 3857) return pt(lang, 'crsWebMercator');
  if (def.code > 32600 && def.code <= 32660) return fillText(pt(lang, 'crsUtm'), { zone: def.code - 32600 });
  return def.name;
}

const HOW = { prj: 'crsHowPrj', assumed: 'crsHowAssumed', user: 'crsHowUser', default: 'crsHowDefault' } as const;

/** The import report's CRS line: name, id and how it was decided. */
export function crsLine(crs: { id: string; name: string; how: CrsHow }, lang: Lang): string {
  return fillText(pt(lang, 'crsLine'), { name: crsName(crs.id, lang, crs.name), id: crs.id === 'custom' ? pt(lang, 'crsCustom').replace(/[:：].*$/, '') : crs.id, how: pt(lang, HOW[crs.how]) });
}
