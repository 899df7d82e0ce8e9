// Live measurement of the feature being drawn or the selected site: area in the chosen unit (all three shown),
// perimeter and length, all ellipsoidal (measure.ts).
import type { Geometry } from 'geojson';
import { measureSite } from '../core/analysis/measure-site.ts';
import { AREA_UNITS, formatArea, formatLength, type AreaUnit } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { pt } from './text.ts';

interface Props { lang: Lang; geometry: Geometry | null; unit: AreaUnit; onUnit: (u: AreaUnit) => void; live: boolean }

export function MeasureBox({ lang, geometry, unit, onUnit, live }: Props) {
  const m = measureSite(geometry);
  const others = (['mu', 'ha', 'km2'] as AreaUnit[]).filter((u) => u !== unit);
  return (
    <div className="planner-measure" data-testid="planner-measure" data-area-m2={m.area_m2} data-perimeter-m={m.perimeter_m} data-length-m={m.length_m}>
      <div className="planner-measure__head">
        <strong>{live ? pt(lang, 'drawing') : pt(lang, 'measurement')}</strong>
        <select aria-label={pt(lang, 'areaUnit')} data-testid="planner-unit" value={unit} onChange={(e) => onUnit(e.target.value as AreaUnit)}>
          {AREA_UNITS.filter((u) => u !== 'm2').map((u) => <option key={u} value={u}>{formatArea(0, u, lang).replace(/^[\d.,]+\s*/, '')}</option>)}
        </select>
      </div>
      {!geometry ? <p className="planner-muted">{pt(lang, 'drawOrPickSite')}</p> : (
        <dl>
          {m.area_m2 > 0 && <><dt>{pt(lang, 'area')}</dt><dd data-testid="planner-area">{formatArea(m.area_m2, unit, lang)}</dd>
            <dt />{<dd className="planner-muted">{others.map((u) => formatArea(m.area_m2, u, lang)).join(' · ')}</dd>}
            <dt>{pt(lang, 'perimeter')}</dt><dd>{formatLength(m.perimeter_m, lang)}</dd></>}
          {m.length_m > 0 && <><dt>{pt(lang, 'length')}</dt><dd data-testid="planner-length">{formatLength(m.length_m, lang)}</dd></>}
          <dt>{pt(lang, 'vertices')}</dt><dd>{m.vertices}</dd>
        </dl>
      )}
      <p className="planner-muted planner-small">{pt(lang, 'ellipsoidalAreaNote')}</p>
    </div>
  );
}
