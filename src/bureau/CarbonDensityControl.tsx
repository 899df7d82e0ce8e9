// Switch for the hexagon carbon-density view, with its own legend: t C per hectare of forest area (forest stands only,
// area-weighted per hexagon), the method it was computed with, the factor table and the share resting on unverified factors.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { StandMethod } from '../core/carbon/stand.ts';
import { useLang } from '../ui/i18n.ts';
import type { CarbonPoints } from '../workers/analysis.worker.ts';
import { methodName } from './dashboard/carbon-text.ts';
import { analysis } from '../workers/analysis-client.ts';

type HexModule = typeof import('../map/carbon-hexagons.ts');

export function CarbonDensityControl({ map }: { map: MapLibreMap | null }) {
  const lang = useLang();
  const [on, setOn] = useState(false);
  const [extruded, setExtruded] = useState(false);
  const [domain, setDomain] = useState<[number, number] | null>(null);
  const [colours, setColours] = useState<HexModule['DENSITY_COLOURS'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [method, setMethod] = useState<StandMethod>('ipcc_bef');
  const [meta, setMeta] = useState<Omit<CarbonPoints, 'data' | 'count'> | null>(null);
  const view = useRef<ReturnType<HexModule['showCarbonHexagons']> | null>(null);

  useEffect(() => {
    if (!on || !map) return;
    let live = true;
    const { api, ready } = analysis();
    Promise.all([import('../map/carbon-hexagons.ts'), ready.then(() => api.carbonPoints(method))])
      .then(([mod, buf]) => {
        if (!live) return;
        setColours(mod.DENSITY_COLOURS);
        const { data: _d, count: _c, ...rest } = buf;
        setMeta(rest);
        view.current = mod.showCarbonHexagons(map, mod.pointsFromBuffer(buf.data, buf.count), extruded, setDomain);
      })
      .catch((e: Error) => setError(e.message));
    return () => {
      live = false;
      view.current?.remove();
      view.current = null;
    };
    // extruded changes are applied by the effect below without rebuilding the view
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [on, map, method]);

  useEffect(() => view.current?.update({ extruded }), [extruded]);

  const step = domain && colours ? (domain[1] - domain[0]) / colours.length : 0;
  return (
    <fieldset className="layer-group" data-testid="carbon-density">
      <legend>{lang === 'zh' ? '碳密度视图' : 'Carbon density'}</legend>
      <label className="layer-item__toggle">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        <span>{lang === 'zh' ? '六边形汇总（吨碳/公顷森林）' : 'Hexagons (t C/ha of forest)'}</span>
      </label>
      {on && (
        <label className="layer-item__toggle">
          <span>{lang === 'zh' ? '方法' : 'Method'}</span>{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as StandMethod)} data-testid="carbon-density-method">
            <option value="ipcc_bef">IPCC Tier 2</option>
            <option value="fang">{lang === 'zh' ? '方精云函数' : 'Fang'}</option>
          </select>
        </label>
      )}
      {on && (
        <label className="layer-item__toggle">
          <input type="checkbox" checked={extruded} onChange={(e) => setExtruded(e.target.checked)} />
          <span>{lang === 'zh' ? '立体显示' : 'Extrude'}</span>
        </label>
      )}
      {on && domain && colours && (
        <ul className="legend" data-testid="carbon-density-legend">
          {colours.map((c, i) => (
            <li key={i}>
              <span className="swatch" style={{ background: `rgb(${c.join(',')})` }} />
              <span>{(domain[0] + step * i).toFixed(0)}–{(domain[0] + step * (i + 1)).toFixed(0)}</span>
            </li>
          ))}
        </ul>
      )}
      {on && meta && (
        <p className="legend-note" data-testid="carbon-density-provenance" data-method={meta.method}>
          {lang === 'zh'
            ? `森林小班碳储量 ÷ 森林面积；全县 ${meta.density_tC_per_ha.toFixed(1)} 吨碳/公顷（${(meta.density_tC_per_ha * 44 / 12).toFixed(1)} 吨CO₂e/公顷）。方法：${methodName(meta.method, lang)}；因子表 ${meta.factors_version}；依据未核实系数：${Math.round(meta.unverified_share * 100)}%。`
            : `Forest-stand carbon ÷ forest area; county ${meta.density_tC_per_ha.toFixed(1)} t C/ha (${(meta.density_tC_per_ha * 44 / 12).toFixed(1)} t CO₂e/ha). Method: ${methodName(meta.method, lang)}; factor table ${meta.factors_version}; resting on unverified factors: ${Math.round(meta.unverified_share * 100)} %.`}
        </p>
      )}
      {error && <p role="alert" className="error-box">{error}</p>}
    </fieldset>
  );
}
