// The report's map: the site framed with room for the stands and projects around it, captured as a PNG, with what a
// printed map needs to be read — the scale (metres per pixel at the captured zoom and latitude), the legend of the
// layers that have something in the frame (a swatch per category drawn there: the stands by species group), the
// labels drawn (the site's name among them) and the centre in CGCS2000 (geographic and 3° Gauss-Krüger). The user's
// view is restored after.
import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { findGkDef, fromLonLat } from '../core/geo/crs.ts';
import type { ColourRule, LayerDef, Text } from '../layers/types.ts';
import { MapController } from '../map/map-controller.ts';
import { valueName } from '../ui/value-names.ts';
import type { Feature } from 'geojson';
import { bboxOf } from '../core/geo/positions.ts';
import { mapPng } from './map-layers.ts';

export interface ReportMap {
  image: string;
  /** Width of the captured image in map (CSS) pixels, and the ground metres one such pixel spans at the centre. */
  widthPx: number;
  heightPx: number;
  metresPerPx: number;
  centre: [number, number];
  zoom: number;
  /** [west, south, east, north] of the captured view. */
  bounds: [number, number, number, number];
  /** The legend: the layers drawn in the frame, a swatch per category present. */
  legend: LegendEntry[];
  /** Labels drawn in the frame (the site's name, townships, projects …). */
  labels: number;
}

export interface LegendEntry { id: string; name: Text; fill: string; outline: string }

/** Web Mercator ground resolution (512-px tiles, MapLibre's), in metres per CSS pixel. */
export function metresPerPixel(lat: number, zoom: number): number {
  return (2 * Math.PI * 6378137 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** A round length (1, 2 or 5 × 10^n metres) no longer than `maxMetres`, for the scale bar. */
export function niceLength(maxMetres: number): number {
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  return [5, 2, 1].map((k) => k * p).find((v) => v <= maxMetres) ?? p;
}

/** CGCS2000 3° Gauss-Krüger (zone from the longitude, with its prefix) of a lon/lat: the zone, X (north) and Y (east). */
export function gkOf(lon: number, lat: number): { zone: number; epsg: number; x: number; y: number } {
  const zone = Math.round(lon / 3);
  const def = findGkDef('CGCS2000', zone * 3, zone * 1e6 + 500000, 'gk3')!;
  const [e, n] = fromLonLat(def.proj4)(lon, lat);
  return { zone, epsg: def.code, x: n, y: e };
}

function waitIdle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) return resolve();
    map.once('idle', () => resolve());
  });
}

/** Frames `g` (padding a fifth of the view so neighbours show), waits for the tiles, captures, restores the view. */
export async function captureReportMap(map: MapLibreMap, g: Geometry, layers: LayerDef[] = []): Promise<ReportMap> {
  const before = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  const b = bboxOf(g);
  const c = map.getContainer();
  if (b) {
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: Math.floor(Math.min(c.clientWidth, c.clientHeight) / 5), maxZoom: 17, bearing: 0, pitch: 0, duration: 0 });
  }
  await waitIdle(map);
  const centre = map.getCenter();
  const zoom = map.getZoom();
  const image = await mapPng(map);
  const ctl = MapController.of(map);
  const legend = legendInView(layers, ctl.renderedInView(layers.map((l) => l.id)));
  const labels = ctl.labelsInView();
  const v = map.getBounds();
  map.jumpTo(before);
  const centreOfSite: [number, number] = b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : [centre.lng, centre.lat];
  return {
    image, widthPx: c.clientWidth, heightPx: c.clientHeight, metresPerPx: metresPerPixel(centre.lat, zoom), centre: centreOfSite, zoom,
    bounds: [v.getWest(), v.getSouth(), v.getEast(), v.getNorth()], legend, labels,
  };
}

/**
 * The legend of what the frame shows: only the layers with features drawn in it (`rendered`, by layer id), in the
 * registry's order; a categorical layer (the stands coloured by species group) gets a swatch per category drawn there.
 */
export function legendInView(layers: LayerDef[], rendered: Map<string, Feature[]>): LegendEntry[] {
  const out: LegendEntry[] = [];
  for (const l of layers) {
    const features = rendered.get(l.id);
    if (!features?.length) continue;
    const rule = l.style.fill ?? l.style.lineColour ?? l.style.circleColour;
    if (rule?.kind === 'categorical') {
      const present = new Set(features.map((f) => f.properties?.[rule.property]));
      for (const v of rule.values) {
        if (!present.has(v.value)) continue;
        const label = v.label ?? { zh: valueName(v.value, 'zh'), en: valueName(v.value, 'en') };
        out.push({ id: l.id, name: { zh: `${l.name.zh}：${label.zh}`, en: `${l.name.en}: ${label.en}` }, fill: v.colour, outline: l.style.outline ?? v.colour });
      }
      continue;
    }
    out.push(...legendEntries([l]));
  }
  return out;
}

function firstColour(rule: ColourRule | undefined): string | undefined {
  if (!rule) return undefined;
  if (rule.kind === 'single') return rule.colour;
  return rule.kind === 'steps' ? rule.colours[Math.floor(rule.colours.length / 2)] : rule.values[0]?.colour ?? rule.fallback;
}

/** One swatch per visible layer: its fill (or line, or point) colour and its outline. */
export function legendEntries(layers: LayerDef[]): { id: string; name: LayerDef['name']; fill: string; outline: string }[] {
  return layers.map((l) => {
    const fill = firstColour(l.style.fill) ?? firstColour(l.style.lineColour) ?? firstColour(l.style.circleColour) ?? l.style.outline ?? '#999999';
    return { id: l.id, name: l.name, fill, outline: l.style.outline ?? fill };
  });
}
