// Switch for the hexagon carbon-density view, with its own legend (t C/ha, area-weighted per hexagon).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useLang } from '../ui/i18n.ts';
import { analysis } from '../workers/analysis-client.ts';

type HexModule = typeof import('../map/carbon-hexagons.ts');

export function CarbonDensityControl({ map }: { map: MapLibreMap | null }) {
  const lang = useLang();
  const [on, setOn] = useState(false);
  const [extruded, setExtruded] = useState(false);
  const [domain, setDomain] = useState<[number, number] | null>(null);
  const [colours, setColours] = useState<HexModule['DENSITY_COLOURS'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const view = useRef<ReturnType<HexModule['showCarbonHexagons']> | null>(null);

  useEffect(() => {
    if (!on || !map) return;
    let live = true;
    const { api, ready } = analysis();
    Promise.all([import('../map/carbon-hexagons.ts'), ready.then(() => api.carbonPoints())])
      .then(([mod, buf]) => {
        if (!live) return;
        setColours(mod.DENSITY_COLOURS);
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
  }, [on, map]);

  useEffect(() => view.current?.update({ extruded }), [extruded]);

  const step = domain && colours ? (domain[1] - domain[0]) / colours.length : 0;
  return (
    <fieldset className="layer-group" data-testid="carbon-density">
      <legend>{lang === 'zh' ? '碳密度视图' : 'Carbon density'}</legend>
      <label className="layer-item__toggle">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        <span>{lang === 'zh' ? '六边形汇总（吨碳/公顷）' : 'Hexagons (t C/ha)'}</span>
      </label>
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
      {error && <p role="alert" className="error-box">{error}</p>}
    </fieldset>
  );
}
