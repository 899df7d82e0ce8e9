// Turns registry entries into MapLibre style layers. Pure (no map instance), so the translation is unit-tested.
import type { LayerSpecification } from 'maplibre-gl';
import { sourceId, sourceLayer } from '../layers/data-source.ts';
import type { ColourRule, LayerDef } from '../layers/types.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { layerId, type LayerRole } from './layer-ids.ts';
import { HATCH_IMAGE, NOTHING, PLANNED_COLOUR } from './time-filter.ts';

/** Fonts are drawn locally by MapLibre (the style has no glyphs URL): Noto Sans CJK from fonts-noto-cjk, then sans-serif. */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export function colourExpression(rule: ColourRule): unknown {
  if (rule.kind === 'single') return rule.colour;
  if (rule.kind === 'steps') {
    // A numeric channel (choropleths): grey where the property is not a number, otherwise a step over the breaks.
    const value = ['to-number', ['get', rule.property], 0];
    const step = rule.breaks.length ? ['step', value, rule.colours[0], ...rule.breaks.flatMap((b, i) => [b, rule.colours[i + 1]])] : rule.colours[0];
    return ['case', ['==', ['typeof', ['get', rule.property]], 'number'], step, rule.missing];
  }
  const cases: unknown[] = [];
  for (const v of rule.values) cases.push(typeof v.value === 'number' ? v.value : String(v.value), v.colour);
  const input = rule.values.some((v) => typeof v.value === 'number') ? ['to-number', ['get', rule.property], -1] : ['to-string', ['get', rule.property]];
  return ['match', input, ...cases, rule.fallback];
}

/** The ids of the MapLibre layers drawn for one registry entry, in drawing order. */
export function styleLayerIds(layer: LayerDef): string[] {
  return styleLayers(layer, 'zh').map((l) => l.id);
}

/** The ids that answer clicks for a registry entry (fills, lines and circles; not labels or outlines). */
export function interactiveLayerId(layer: LayerDef): string {
  return layerId(layer.id, interactiveRole(layer));
}

/** The role of the style layer that answers clicks and carries the layer's main colour (fill, line or circle). */
export function interactiveRole(layer: LayerDef): LayerRole {
  if (layer.geometry === 'raster') return 'raster';
  return layer.geometry === 'polygon' ? (layer.style.fill ? 'fill' : 'hit') : layer.geometry === 'line' ? 'line' : 'circle';
}

export function labelText(layer: LayerDef, lang: Lang): unknown {
  const label = layer.style.label;
  if (!label) return '';
  const key = lang === 'en' && label.en ? label.en : label.zh;
  return ['coalesce', ['get', key], ['get', label.zh], ''];
}

/**
 * A raster layer's one style layer: categorical rasters keep their classes crisp when zoomed past their pixels
 * (nearest), imagery and values are smoothed; tiles appear at once (no fade, as for the labels).
 */
function rasterStyleLayer(layer: LayerDef): LayerSpecification {
  return {
    id: layerId(layer.id, 'raster'), type: 'raster', source: sourceId(layer.source),
    layout: { visibility: layer.visible ? 'visible' : 'none' },
    paint: {
      'raster-opacity': layer.raster?.opacity ?? 1,
      'raster-resampling': layer.raster?.kind === 'categorical' ? 'nearest' : 'linear',
      'raster-fade-duration': 0,
    },
  } as LayerSpecification;
}

export function styleLayers(layer: LayerDef, lang: Lang): LayerSpecification[] {
  if (layer.geometry === 'raster') return [rasterStyleLayer(layer)];
  const source = sourceId(layer.source);
  const visibility = layer.visible ? 'visible' : 'none';
  const srcLayer = sourceLayer(layer.source);
  const common = {
    source, ...(srcLayer ? { 'source-layer': srcLayer } : {}), layout: { visibility },
    ...(layer.minzoom !== undefined ? { minzoom: layer.minzoom } : {}), ...(layer.filter ? { filter: layer.filter } : {}),
  };
  // Tiled layers carry an overview of squares at low zoom; outlining those would draw a grid.
  const outlineMinzoom = layer.source.tiles ? Math.max(layer.minzoom ?? 0, layer.source.tiles.outlineMinzoom) : layer.minzoom;
  const out: Record<string, unknown>[] = [];
  const s = layer.style;
  if (layer.geometry === 'polygon') {
    if (s.fill) {
      // No fill-antialias: the ::outline line layer draws (antialiased) edges already, and the fill's extra outline pass
      // is a whole second draw of every polygon plus one more shader program — measurable at 200k stands (docs/scale.md).
      out.push({ ...common, id: layerId(layer.id, 'fill'), type: 'fill', paint: { 'fill-color': colourExpression(s.fill), 'fill-opacity': s.fillOpacity ?? 0.6, 'fill-antialias': false } });
    } else {
      // An invisible fill so that outline-only polygons (townships) still answer clicks.
      out.push({ ...common, id: layerId(layer.id, 'hit'), type: 'fill', paint: { 'fill-color': '#000000', 'fill-opacity': 0, 'fill-antialias': false } });
    }
    if (s.outline) {
      out.push({
        ...common, ...(outlineMinzoom !== undefined ? { minzoom: outlineMinzoom } : {}), id: layerId(layer.id, 'outline'), type: 'line',
        paint: { 'line-color': s.outline, 'line-width': s.lineWidth ?? 0.6, ...(s.lineDash ? { 'line-dasharray': s.lineDash } : {}) },
      });
    }
  } else if (layer.geometry === 'line') {
    out.push({
      ...common, id: layerId(layer.id, 'line'), type: 'line', layout: { visibility, 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': colourExpression(s.lineColour ?? { kind: 'single', colour: '#555' }), 'line-width': s.lineWidth ?? 1.5, ...(s.lineDash ? { 'line-dasharray': s.lineDash } : {}) },
    });
  } else {
    out.push({
      ...common, id: layerId(layer.id, 'circle'), type: 'circle',
      paint: { 'circle-color': colourExpression(s.circleColour ?? { kind: 'single', colour: '#333' }), 'circle-radius': s.circleRadius ?? 4, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
    });
  }
  if (layer.time) out.push(...plannedLayers(layer, common));
  if (s.label) {
    const labelSource = layer.labels ? sourceId(layer.labels) : source;
    out.push({
      id: layerId(layer.id, 'label'), type: 'symbol', source: labelSource,
      ...(!layer.labels && srcLayer ? { 'source-layer': srcLayer } : layer.labels && sourceLayer(layer.labels) ? { 'source-layer': sourceLayer(layer.labels) } : {}),
      ...(s.label.minzoom !== undefined ? { minzoom: s.label.minzoom } : layer.minzoom !== undefined ? { minzoom: layer.minzoom } : {}),
      layout: {
        visibility,
        'text-field': labelText(layer, lang),
        'text-font': LABEL_FONTS,
        'text-size': s.label.size ?? 12,
        'symbol-placement': layer.geometry === 'line' && !layer.labels ? 'line' : 'point',
        ...(layer.geometry === 'point' ? { 'text-offset': [0, 1.1], 'text-anchor': 'top' } : {}),
        'text-max-width': 8,
      },
      paint: { 'text-color': s.label.colour ?? '#333333', 'text-halo-color': s.label.halo ?? 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
    });
  }
  return out as unknown as LayerSpecification[];
}

/**
 * The year control's "planned" look for a time-aware layer (time-filter.ts): hatched fill and dashed outline for
 * polygons, a dashed line, a hollow circle. They show nothing until a year after the data's as-of year is chosen.
 */
function plannedLayers(layer: LayerDef, common: Record<string, unknown>): Record<string, unknown>[] {
  const planned = { ...common, filter: NOTHING };
  if (layer.geometry === 'polygon') {
    return [
      { ...planned, id: layerId(layer.id, 'planned'), type: 'fill', paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': layer.style.fillOpacity ?? 0.6, 'fill-antialias': false } },
      { ...planned, id: layerId(layer.id, 'planned-outline'), type: 'line', paint: { 'line-color': PLANNED_COLOUR, 'line-width': 1.6, 'line-dasharray': [2, 1.5] } },
    ];
  }
  if (layer.geometry === 'line') {
    return [{ ...planned, id: layerId(layer.id, 'planned'), type: 'line', paint: { 'line-color': PLANNED_COLOUR, 'line-width': layer.style.lineWidth ?? 1.5, 'line-dasharray': [2, 1.5] } }];
  }
  return [{ ...planned, id: layerId(layer.id, 'planned'), type: 'circle', paint: { 'circle-color': 'rgba(0,0,0,0)', 'circle-radius': layer.style.circleRadius ?? 4, 'circle-stroke-color': PLANNED_COLOUR, 'circle-stroke-width': 2 } }];
}
