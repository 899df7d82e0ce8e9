// The selected site's siting findings on the map: each affected part filled in its verdict's colour (the 'siting'
// overlay of the MapController), the most serious drawn last so it stays visible where findings overlap.
import type { Feature, FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { VERDICTS } from '../core/analysis/siting-rules.ts';
import { MapController } from '../map/map-controller.ts';

export function sitingFeatures(a: SiteAnalysis | null | undefined): FeatureCollection {
  const findings = (a?.siting.findings ?? []).filter((f) => f.geometry);
  const order = [...findings].sort((x, y) => VERDICTS.indexOf(y.verdict) - VERDICTS.indexOf(x.verdict));
  return {
    type: 'FeatureCollection',
    features: order.map((f): Feature => ({ type: 'Feature', geometry: f.geometry!, properties: { verdict: f.verdict, rule: f.rule, layer: f.layer?.key ?? null, area_mu: f.area_mu } })),
  };
}

export function useSitingHighlight(map: MapLibreMap | null, analysis: SiteAnalysis | null | undefined): void {
  useEffect(() => {
    if (!map) return;
    MapController.of(map).setOverlay({ kind: 'siting', data: sitingFeatures(analysis) });
  }, [map, analysis]);
  useEffect(() => () => { if (map) MapController.of(map).removeOverlay({ kind: 'siting' }); }, [map]);
}
