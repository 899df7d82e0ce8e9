// Builds the whole MapLibre style from the layer registry: an offline base (background, neighbours, county, water,
// rivers — all from data/) and every registry layer on top. No glyphs URL: MapLibre draws labels locally from the
// installed fonts, so CJK labels render with no font server.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { sourceId, sourceLayer, sourceSpec } from '../layers/data-source.ts';
import type { LayerDef } from '../layers/types.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { layerId } from './layer-ids.ts';
import { tiandituLayers } from './online-basemap.ts';
import { styleLayers } from './style-layers.ts';

export const BACKGROUND = '#dfe6dc';

export function selectionLayer(layer: LayerDef): LayerSpecification | null {
  if (layer.context || layer.geometry !== 'polygon') return null;
  return {
    id: layerId(layer.id, 'selected'), type: 'line', source: sourceId(layer.source),
    ...(sourceLayer(layer.source) ? { 'source-layer': sourceLayer(layer.source) } : {}),
    layout: { visibility: layer.visible ? 'visible' : 'none' },
    ...(layer.filter ? { filter: layer.filter as never } : {}),
    paint: { 'line-color': '#ff1744', 'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 0] },
  } as LayerSpecification;
}

export function buildStyle(layers: LayerDef[], lang: Lang, online: { tiandituToken?: string } = {}): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  for (const layer of layers) {
    sources[sourceId(layer.source)] ??= sourceSpec(layer.source) as SourceSpecification;
    if (layer.labels) sources[sourceId(layer.labels)] ??= sourceSpec(layer.labels) as SourceSpecification;
  }
  const tdt = tiandituLayers(online.tiandituToken);
  Object.assign(sources, tdt.sources);
  const mapLayers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } }, ...tdt.layers];
  for (const layer of layers) {
    // With an online basemap the county and neighbour fills would hide it; keep only their outlines.
    const specs = styleLayers(layer, lang).filter((s) => !(tdt.layers.length && layer.context && s.type === 'fill'));
    mapLayers.push(...specs);
    const sel = selectionLayer(layer);
    if (sel) mapLayers.push(sel);
  }
  return { version: 8, name: '兴国碳汇图 offline', sources, layers: mapLayers };
}
