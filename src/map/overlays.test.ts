import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { layerId, roleOf } from './layer-ids.ts';
import { overlayData, overlayKey, overlayLayerIds, overlayLayers, REFERENCE_OUTLINE_MINZOOM, type Overlay } from './overlays.ts';

const square = { type: 'Polygon' as const, coordinates: [[[115, 26], [115.01, 26], [115.01, 26.01], [115, 26]]] };
const OVERLAYS: Overlay[] = [
  { kind: 'sites', sites: [{ id: 'a', name: 'A', geometry: square, editable: false }, { id: 'b', name: 'B', geometry: square, editable: true }], selectedId: 'b' },
  { kind: 'import-preview', data: { type: 'FeatureCollection', features: [] } },
  { kind: 'reference', id: 'r1', url: 'blob:http://127.0.0.1/x', visible: false },
  { kind: 'siting', data: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square, properties: { verdict: '禁止', rule: 'farmland-pv' } }] } },
  { kind: 'pick', data: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square }] } },
];

describe('layer ids', () => {
  it('are key::role, and the role reads back', () => {
    expect(layerId('stands', 'fill')).toBe('stands::fill');
    expect(roleOf(layerId('planner-ref-7', 'planned-outline'))).toBe('planned-outline');
    expect(roleOf('background')).toBeNull();
  });
});

describe('overlays', () => {
  it('each is a valid MapLibre source with valid layers, all named from its key', () => {
    for (const o of OVERLAYS) {
      const key = overlayKey(o);
      const data = overlayData(o);
      const layers = overlayLayers(o);
      const style = { version: 8, sources: { [key]: { type: 'geojson', data } }, layers };
      expect(validateStyleMin(style as never), o.kind).toEqual([]);
      for (const l of layers) {
        expect(l.id.startsWith(`${key}::`)).toBe(true);
        expect((l as { source: string }).source).toBe(key);
        // removal finds every layer an overlay adds
        expect(overlayLayerIds(o)).toContain(l.id);
      }
    }
  });

  it('keeps the ids the browser tests and older sessions know', () => {
    expect(overlayKey({ kind: 'sites' })).toBe('planner-sites');
    expect(overlayKey({ kind: 'import-preview' })).toBe('planner-preview');
    expect(overlayLayers(OVERLAYS[2]).map((l) => l.id)).toEqual(['planner-ref-r1::fill', 'planner-ref-r1::line']);
  });

  it('marks sites Terra Draw does not draw as static, and the selected one', () => {
    const fc = overlayData(OVERLAYS[0]) as FeatureCollection;
    expect(fc.features.map((f) => [f.properties?.id, f.properties?.static, f.properties?.selected])).toEqual([['a', true, false], ['b', false, true]]);
  });

  it('draws a hidden reference layer hidden, and feeds it its URL', () => {
    const o = OVERLAYS[2];
    expect(overlayData(o)).toBe('blob:http://127.0.0.1/x');
    expect(overlayLayers(o).map((l) => (l.layout as { visibility?: string }).visibility)).toEqual(['none', 'none']);
  });
});

describe('the reference layer over the stands (issue 24: a dark-green grid at every zoom)', () => {
  const layers = overlayLayers({ kind: 'reference', id: 'r', url: 'blob:x', visible: true }) as unknown as { id: string; minzoom?: number; paint: Record<string, unknown> }[];
  const hex = (c: unknown) => (/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(String(c)) ?? []).slice(1).map((h) => parseInt(h, 16));
  it('draws its outlines only from zoom 13, a light tint below', () => {
    const line = layers.find((l) => l.id.endsWith('::line'))!;
    expect(line.minzoom).toBe(REFERENCE_OUTLINE_MINZOOM);
    expect(REFERENCE_OUTLINE_MINZOOM).toBeGreaterThanOrEqual(13);
    const fill = layers.find((l) => l.id.endsWith('::fill'))!;
    expect(fill.minzoom).toBeUndefined();
    expect(Number(fill.paint['fill-opacity'])).toBeLessThanOrEqual(0.2);
  });
  it('is not green (the stands are): blue dominates its fill and outline', () => {
    for (const c of [layers[0].paint['fill-color'], layers[1].paint['line-color']]) {
      const [r, g, b] = hex(c);
      expect(b, String(c)).toBeGreaterThan(g);
      expect(b, String(c)).toBeGreaterThan(r);
    }
  });
});
