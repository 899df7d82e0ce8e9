// Raster layers in the registry (src/layers/raster-layers.ts, extra-layers.ts raster entries), their MapLibre source
// and style layer, the CSP the build writes for a declared intranet service, and the swipe's clip rectangles.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAND_COVER_CLASSES } from '../../src/core/raster/classes.ts';
import type { RasterEntry, RasterManifest } from '../../src/core/raster/manifest.ts';
import { sourceId, sourceSpec } from '../../src/layers/data-source.ts';
import { extraLayerOrigins, parseExtraLayers } from '../../src/layers/extra-layers.ts';
import { INTERNAL_LAYERS } from '../../src/layers/internal-registry.ts';
import { PUBLIC_LAYERS } from '../../src/layers/public-registry.ts';
import { rasterForYear, rasterLayersFromManifest, swipePairs, RASTER_PROTOCOL } from '../../src/layers/raster-layers.ts';
import { assemble } from '../../src/layers/registry.ts';
import { styleLayers } from '../../src/map/style-layers.ts';
import { sideRect } from '../../src/map/swipe-clip.ts';
import { cspWithOrigins } from '../../scripts/vite/extra-layers.ts';

const entry = (id: string, kind: RasterEntry['kind'], year: number, extra: Partial<RasterEntry> = {}): RasterEntry => ({
  id, kind, year, name: { zh: id, en: id }, file: `rasters/${id}.tif`, crs: 'EPSG:4547', width: 10, height: 10,
  geotransform: [640000, 10, 0, 2920000, 0, -10], bounds: [115.0, 26.0, 115.9, 26.7], bands: kind === 'imagery' ? 3 : 1,
  data_type: kind === 'continuous' ? 'float32' : 'uint8', nodata: 0, audience: 'internal', sample_data: true, source: { made_by: 'test' },
  ...(kind === 'categorical' ? { classes: [...LAND_COVER_CLASSES] } : {}),
  ...(kind === 'continuous' ? { ramp: { min: -0.1, max: 0.9, colours: ['#440154', '#21918c', '#fde725'] } } : {}),
  ...extra,
});
const manifest = (...rasters: RasterEntry[]): RasterManifest => ({ format: 'xingguo-rasters-1', rasters });

describe('raster layers from rasters.json', () => {
  const layers = rasterLayersFromManifest(manifest(entry('landcover-2025', 'categorical', 2025), entry('imagery-2025', 'imagery', 2025),
    entry('ndvi-2024', 'continuous', 2024, { audience: 'public' }), entry('landcover-2020', 'categorical', 2020)));

  it('one registry entry per raster: kind, year, legend, audience, the sample note; imagery lowest, then by year', () => {
    expect(layers.map((l) => l.id)).toEqual(['raster-imagery-2025', 'raster-ndvi-2024', 'raster-landcover-2020', 'raster-landcover-2025']);
    const lc = layers[3];
    expect(lc).toMatchObject({ geometry: 'raster', group: 'imagery', audience: 'internal', visible: false, note: { zh: '模拟数据' } });
    expect(lc.raster).toMatchObject({ kind: 'categorical', year: 2025, opacity: 1 });
    expect(lc.raster!.classes!.map((c) => [c.value, c.colour])).toEqual(LAND_COVER_CLASSES.map((c) => [c.value, c.colour]));
    expect(layers[1].raster!.ramp).toEqual({ min: -0.1, max: 0.9, colours: ['#440154', '#21918c', '#fde725'] });
    expect(layers[1].audience).toBe('public');
  });

  it('the sample data folder\'s rasters.json makes three layers', () => {
    const sample = JSON.parse(readFileSync('data/rasters.json', 'utf8')) as RasterManifest;
    expect(rasterLayersFromManifest(sample).map((l) => l.id).sort()).toEqual(['raster-imagery-2025', 'raster-landcover-2020', 'raster-landcover-2025']);
  });

  it('a COG source is drawn through the raster protocol within its bounds; categorical pixels stay crisp', () => {
    const lc = layers[3];
    expect(sourceSpec(lc.source)).toEqual({ type: 'raster', tiles: [`${RASTER_PROTOCOL}://landcover-2025/{z}/{x}/{y}`], tileSize: 256, bounds: [115.0, 26.0, 115.9, 26.7], maxzoom: 16 });
    expect(sourceId(lc.source)).not.toBe(sourceId(layers[2].source));
    const [style] = styleLayers(lc, 'zh') as unknown as [{ type: string; paint: Record<string, unknown> }];
    expect(style.type).toBe('raster');
    expect(style.paint['raster-resampling']).toBe('nearest');
    expect((styleLayers(layers[0], 'zh')[0] as unknown as { paint: Record<string, unknown> }).paint['raster-resampling']).toBe('linear');
  });

  it('rasters are drawn above the basemap and under every vector layer', () => {
    const all = assemble(PUBLIC_LAYERS, INTERNAL_LAYERS, [], layers);
    const at = (id: string) => all.findIndex((l) => l.id === id);
    const lastContext = Math.max(...all.map((l, i) => (l.context ? i : -1)));
    const firstVector = all.findIndex((l) => !l.context && l.geometry !== 'raster');
    for (const l of layers) expect(at(l.id)).toBeGreaterThan(lastContext);
    for (const l of layers) expect(at(l.id)).toBeLessThan(firstVector);
    expect(at('raster-landcover-2025')).toBeLessThan(at('stands'));
  });

  it('swipe pairs are the same kind and classes in different years, latest first; the year picks the series member', () => {
    const other = rasterLayersFromManifest(manifest(entry('product-2021', 'categorical', 2021, { classes: [{ value: 1, key: 'x', name: { zh: 'x', en: 'x' }, colour: '#000000', carbon: null }] })));
    const pairs = swipePairs([...layers, ...other]);
    expect(pairs.map(([a, b]) => [a.id, b.id])).toEqual([['raster-landcover-2020', 'raster-landcover-2025']]);
    const [early, late] = pairs[0];
    expect(rasterForYear(layers, late, 2019).id).toBe(early.id);
    expect(rasterForYear(layers, late, 2022).id).toBe(early.id);
    expect(rasterForYear(layers, early, 2025).id).toBe(late.id);
    expect(rasterForYear(layers, early, 2035).id).toBe(late.id);
  });
});

describe('intranet tile services in extra-layers.json', () => {
  const base = { id: 'dom-2023', name: { zh: '正射影像', en: 'Orthophoto' }, geometry: 'raster', audience: 'internal', raster: { kind: 'imagery', year: 2023 } };
  const parse = (v: unknown) => parseExtraLayers(JSON.stringify({ layers: [v] }), '/d/extra-layers.json', ['stands'], () => false);

  it('an XYZ service: its template, attribution and zoom range; the only origin the CSP gains', () => {
    const [l] = parse({ ...base, source: { type: 'xyz', tiles: 'http://10.8.0.5:8080/dom/{z}/{x}/{y}.png', attribution: '兴国县自然资源局', minzoom: 8, maxzoom: 19 } });
    expect(l).toMatchObject({ id: 'dom-2023', geometry: 'raster', group: 'imagery', raster: { kind: 'imagery', year: 2023, opacity: 1 } });
    expect(sourceSpec(l.source)).toEqual({ type: 'raster', tiles: ['http://10.8.0.5:8080/dom/{z}/{x}/{y}.png'], tileSize: 256, minzoom: 8, maxzoom: 19, attribution: '兴国县自然资源局' });
    expect(extraLayerOrigins([l])).toEqual(['http://10.8.0.5:8080']);
    expect(extraLayerOrigins(INTERNAL_LAYERS)).toEqual([]);
  });

  it('a WMTS RESTful template becomes an XYZ one', () => {
    const [l] = parse({ ...base, source: { type: 'wmts', tiles: 'https://tdt.gov.local/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=img&TILEMATRIXSET=w&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}', attribution: '天地图政务版' } });
    expect((sourceSpec(l.source) as { tiles: string[] }).tiles[0]).toBe('https://tdt.gov.local/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=img&TILEMATRIXSET=w&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
  });

  it('refuses what it cannot use, naming the file, the entry and the field', () => {
    const src = { type: 'xyz', tiles: 'http://10.8.0.5/{z}/{x}/{y}.png', attribution: 'x' };
    expect(() => parse({ ...base, source: { ...src, tiles: 'http://10.8.0.5/{z}/{x}.png' } })).toThrow('/d/extra-layers.json: layer 1 ("dom-2023"): "source.tiles" of an xyz service needs {z}, {x} and {y}');
    expect(() => parse({ ...base, source: { ...src, tiles: 'ftp://10.8.0.5/{z}/{x}/{y}.png' } })).toThrow('must be an http:// or https:// URL');
    expect(() => parse({ ...base, source: { ...src, tiles: 'http://user:pw@10.8.0.5/{z}/{x}/{y}.png' } })).toThrow('must not carry a user name or password');
    expect(() => parse({ ...base, source: { ...src, tiles: '/tiles/{z}/{x}/{y}.png' } })).toThrow('is not an absolute URL');
    expect(() => parse({ ...base, source: { ...src, attribution: '' } })).toThrow('"source.attribution"');
    expect(() => parse({ ...base, source: { ...src, type: 'wms' } })).toThrow('"source.type" must be "xyz" or "wmts"');
    expect(() => parse({ ...base, source: { ...src, minzoom: 10, maxzoom: 5 } })).toThrow('"source.maxzoom" must be a number from 10 to 24');
    expect(() => parse({ ...base, source: src, raster: { kind: 'photo' } })).toThrow('"raster.kind"');
  });

  it('the CSP gains exactly the declared origins, for images and fetches only; none declared: unchanged', () => {
    const html = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'; img-src \'self\' data: blob:; connect-src \'self\' data: blob:; worker-src \'self\' blob:" />';
    expect(cspWithOrigins(html, [])).toBe(html);
    const out = cspWithOrigins(html, ['http://10.8.0.5:8080']);
    expect(out).toContain("img-src 'self' data: blob: http://10.8.0.5:8080;");
    expect(out).toContain("connect-src 'self' data: blob: http://10.8.0.5:8080;");
    expect(out.match(/10\.8\.0\.5/g)).toHaveLength(2);
    // the page's own CSP has both directives, so the replacement cannot silently miss
    const index = readFileSync('index.html', 'utf8');
    expect(cspWithOrigins(index, ['http://10.8.0.5:8080']).match(/10\.8\.0\.5/g)).toHaveLength(2);
  });
});

describe('swipe clip rectangles', () => {
  it('split the drawing buffer at the divider, left and right, clamped', () => {
    expect(sideRect('left', 0.25, 800, 600)).toEqual([0, 0, 200, 600]);
    expect(sideRect('right', 0.25, 800, 600)).toEqual([200, 0, 600, 600]);
    expect(sideRect('right', 1.5, 800, 600)).toEqual([800, 0, 0, 600]);
    expect(sideRect('left', -1, 800, 600)).toEqual([0, 0, 0, 600]);
  });
});
