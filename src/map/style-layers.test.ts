import { describe, expect, it } from 'vitest';
import { LAYERS, layerById, layersFor } from '../layers/registry.ts';
import { buildStyle } from './map-style.ts';
import { colourExpression, interactiveLayerId, styleLayers } from './style-layers.ts';

describe('registry → MapLibre style', () => {
  it('gives every registry layer a clickable style layer, and ids are unique', () => {
    const ids = new Set<string>();
    for (const layer of LAYERS) {
      const specs = styleLayers(layer, 'zh');
      expect(specs.map((s) => s.id)).toContain(interactiveLayerId(layer));
      for (const s of specs) {
        expect(ids.has(s.id)).toBe(false);
        ids.add(s.id);
      }
    }
  });
  it('builds a categorical colour as a match expression with a fallback', () => {
    expect(colourExpression({ kind: 'categorical', property: 'species', values: [{ value: '杉木', colour: '#111' }], fallback: '#999' }))
      .toEqual(['match', ['to-string', ['get', 'species']], '杉木', '#111', '#999']);
  });
  it('labels townships from their label points, in the chosen language', () => {
    const townships = layerById('townships');
    const label = styleLayers(townships, 'en').find((s) => s.id === 'townships::label')!;
    expect((label as { source: string }).source).toBe('src:township-labels.geojson');
    expect(JSON.stringify((label as { layout: unknown }).layout)).toContain('name_en');
  });
  it('has no glyphs URL and no source outside the app (offline by default)', () => {
    const style = buildStyle(LAYERS, 'zh');
    expect(style.glyphs).toBeUndefined();
    for (const source of Object.values(style.sources)) {
      const url = (source as { data?: string; tiles?: string[] }).data ?? (source as { tiles?: string[] }).tiles?.[0];
      expect(typeof url === 'string' && new URL(url).origin).toBe('http://127.0.0.1');
    }
    expect(Object.keys(style.sources).some((s) => s.startsWith('tdt'))).toBe(false);
  });
  it('reads the stands from prebuilt vector tiles: source-layer on every style layer, ids promoted, braces kept', () => {
    const style = buildStyle(LAYERS, 'zh');
    const src = style.sources['src:stands.geojson'] as { type: string; tiles: string[]; promoteId: string; bounds: number[] };
    expect(src.type).toBe('vector');
    expect(src.tiles[0]).toBe('http://127.0.0.1/data/tiles/stands/{z}/{x}/{y}.pbf');
    expect(src.promoteId).toBe('id');
    const standLayers = style.layers.filter((l) => (l as { source?: string }).source === 'src:stands.geojson');
    expect(standLayers.map((l) => l.id)).toEqual(expect.arrayContaining(['stands::fill', 'stands::outline', 'stands::selected', 'stands-pine-wilt::fill']));
    // The year-driven upgrade layer reads the same tiles through a source of its own (a year step re-lays it alone).
    expect(style.sources['src:stands.geojson#year']).toEqual(src);
    expect(style.layers.filter((l) => (l as { source?: string }).source === 'src:stands.geojson#year').map((l) => l.id)).toContain('stands-upgrade::fill');
    for (const l of standLayers) expect((l as { 'source-layer'?: string })['source-layer']).toBe('stands');
    // Outlines only where the tiles hold stands, not the low-zoom overview squares (stands from z11 at 32k, z12 at 200k).
    expect((standLayers.find((l) => l.id === 'stands::outline') as { minzoom?: number }).minzoom).toBe(12);
    // Fills draw no antialiasing pass of their own: the outline layers draw the edges.
    expect(standLayers.filter((l) => l.type === 'fill').every((l) => (l as { paint: Record<string, unknown> }).paint['fill-antialias'] === false)).toBe(true);
    expect((style.layers.find((l) => l.id === 'county::fill') as { 'source-layer'?: string })['source-layer']).toBeUndefined();
  });
  it('adds 天地图 only when a token is configured', () => {
    const style = buildStyle(LAYERS, 'zh', { tiandituToken: 'abc' });
    expect(Object.keys(style.sources)).toContain('tdt-vec');
    expect(style.layers.find((l) => l.id === 'county::fill')).toBeUndefined();
  });
  it('keeps internal layers out of the public list', () => {
    const publicIds = layersFor('public').map((l) => l.id);
    expect(publicIds).not.toContain('stands');
    expect(publicIds.every((id) => layerById(id).audience === 'public')).toBe(true);
    expect(layersFor('public').some((l) => l.source.file === 'stands.geojson')).toBe(false);
  });
});
