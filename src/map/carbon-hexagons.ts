// Carbon-density view: forest stands aggregated into hexagons by deck.gl, coloured (and optionally extruded) by carbon
// density = Σ stand carbon (t C) / Σ forest area (ha) in the cell — the same t C per hectare of forest area as the
// dashboard, public page and CLI; an area-weighted density, not a mean of densities. The worker sends forest stands only.
// Loaded lazily: deck.gl is ~260 KB gzip and most sessions never open this view.
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { CO2_PER_C } from '../core/carbon/factors.ts';
import { MapController } from './map-controller.ts';

export interface StandPoint {
  position: [number, number];
  ha: number;
  tC: number;
}

/** Colours from low to high density (ColorBrewer YlGn, 6 classes). */
export const DENSITY_COLOURS: [number, number, number][] = [
  [255, 255, 204], [217, 240, 163], [173, 221, 142], [120, 198, 121], [49, 163, 84], [0, 104, 55],
];

export function pointsFromBuffer(data: Float64Array, count: number): StandPoint[] {
  const out: StandPoint[] = new Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = { position: [data[i * 4], data[i * 4 + 1]], ha: data[i * 4 + 2], tC: data[i * 4 + 3] / CO2_PER_C };
  }
  return out;
}

export function densityOf(points: readonly StandPoint[]): number {
  let c = 0, ha = 0;
  for (const p of points) { c += p.tC; ha += p.ha; }
  return ha > 0 ? c / ha : 0;
}

export interface HexagonView {
  update: (options: { extruded: boolean }) => void;
  remove: () => void;
}

export function showCarbonHexagons(map: MapLibreMap, points: StandPoint[], extruded: boolean, onDomain: (d: [number, number]) => void): HexagonView {
  const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
  const layer = (ex: boolean) =>
    new HexagonLayer<StandPoint>({
      id: 'carbon-hexagons',
      data: points,
      getPosition: (p) => p.position,
      radius: 1500,
      gpuAggregation: false,
      getColorValue: (pts) => densityOf(pts),
      getElevationValue: (pts) => densityOf(pts),
      colorScaleType: 'quantize',
      colorRange: DENSITY_COLOURS,
      onSetColorDomain: (d) => onDomain([d[0], d[1]]),
      extruded: ex,
      elevationScale: ex ? 60 : 0,
      opacity: 0.75,
      coverage: 0.92,
      pickable: false,
    });
  overlay.setProps({ layers: [layer(extruded)] });
  MapController.of(map).addDeckOverlay(overlay);
  if (extruded) map.easeTo({ pitch: 45, duration: 0 });
  return {
    update: ({ extruded: ex }) => {
      overlay.setProps({ layers: [layer(ex)] });
      map.easeTo({ pitch: ex ? 45 : 0, duration: 0 });
    },
    remove: () => {
      MapController.of(map).removeDeckOverlay(overlay);
      overlay.finalize();
      map.easeTo({ pitch: 0, duration: 0 });
    },
  };
}
