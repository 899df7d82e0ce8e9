// Live measurement of the feature being drawn or the selected site: area in the chosen unit (all three shown),
// perimeter and length, all ellipsoidal (measure.ts).
import type { Geometry } from 'geojson';
import { measureSite } from '../core/analysis/measure-site.ts';
import { AREA_UNITS, formatArea, formatLength, type AreaUnit } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { tr } from './text.ts';

interface Props { lang: Lang; geometry: Geometry | null; unit: AreaUnit; onUnit: (u: AreaUnit) => void; live: boolean }

export function MeasureBox({ lang, geometry, unit, onUnit, live }: Props) {
  const m = measureSite(geometry);
  const others = (['mu', 'ha', 'km2'] as AreaUnit[]).filter((u) => u !== unit);
  return (
    <div className="planner-measure" data-testid="planner-measure" data-area-m2={m.area_m2} data-perimeter-m={m.perimeter_m} data-length-m={m.length_m}>
      <div className="planner-measure__head">
        <strong>{live ? tr(lang, '正在绘制', 'Drawing') : tr(lang, '量测', 'Measurement')}</strong>
        <select aria-label={tr(lang, '面积单位', 'Area unit')} data-testid="planner-unit" value={unit} onChange={(e) => onUnit(e.target.value as AreaUnit)}>
          {AREA_UNITS.filter((u) => u !== 'm2').map((u) => <option key={u} value={u}>{formatArea(0, u, lang).replace(/^[\d.,]+\s*/, '')}</option>)}
        </select>
      </div>
      {!geometry ? <p className="planner-muted">{tr(lang, '在地图上绘制或从列表选择地块', 'Draw on the map or pick a site')}</p> : (
        <dl>
          {m.area_m2 > 0 && <><dt>{tr(lang, '面积', 'Area')}</dt><dd data-testid="planner-area">{formatArea(m.area_m2, unit, lang)}</dd>
            <dt />{<dd className="planner-muted">{others.map((u) => formatArea(m.area_m2, u, lang)).join(' · ')}</dd>}
            <dt>{tr(lang, '周长', 'Perimeter')}</dt><dd>{formatLength(m.perimeter_m, lang)}</dd></>}
          {m.length_m > 0 && <><dt>{tr(lang, '长度', 'Length')}</dt><dd data-testid="planner-length">{formatLength(m.length_m, lang)}</dd></>}
          <dt>{tr(lang, '节点', 'Vertices')}</dt><dd>{m.vertices}</dd>
        </dl>
      )}
      <p className="planner-muted planner-small">{tr(lang, '椭球面积（CGCS2000），1 亩 = 666.67 平方米', 'Ellipsoidal (CGCS2000); 1 mu = 666.67 m²')}</p>
    </div>
  );
}
