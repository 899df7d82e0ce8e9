// npm run data:raster: a bureau's GeoTIFF → a COG in a release and its rasters.json entry. The COG the import makes
// reads back pixel for pixel (geotiff.js and GDAL) and validates as a COG; bad input gets a message naming the file and
// the problem and a non-zero exit, never a crash.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crsByCode } from '../../src/core/geo/crs.ts';
import { Rng } from '../../src/core/random.ts';
import { writeCog } from '../../src/core/raster/cog-write.ts';
import { fullWindow, type RasterGrid } from '../../src/core/raster/grid.ts';
import { parseRasterManifest } from '../../src/core/raster/manifest.ts';
import { openGeoTiff } from '../../src/core/raster/read.ts';
import { importRaster } from '../../scripts/raster/import.ts';
import { importInventory } from '../../scripts/import/release.ts';
import { erleiInventory } from '../fixtures/erlei-inventory.ts';

const VALIDATOR = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py';
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'xg-raster-import-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a patch of 兴国县 in CGCS2000 3° GK CM 114°E (EPSG:4547)
const patch = (code = 4547, origin: [number, number] = [640000, 2930000], size = 10, width = 400, height = 300): RasterGrid => ({
  width, height, geoTransform: [origin[0], size, 0, origin[1], 0, -size], crs: crsByCode(code)!,
});

function classes(n: number, max = 7, seed = 'classes'): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, (_, i) => (i % 53 === 0 ? 0 : ((i % 400) >> 5) % max + 1 + (rng.chance(0.001) ? 0 : 0)));
}

function run(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/data-raster.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run data:raster — a good GeoTIFF', () => {
  it('a striped LZW land-cover GeoTIFF made by GDAL → a valid COG that reads back pixel for pixel', async () => {
    const g = patch();
    const data = classes(g.width * g.height);
    const cog = join(dir, 'src-cog.tif');
    writeFileSync(cog, writeCog({ grid: g, dataType: 'uint8', bands: 1, data, nodata: 0, resampling: 'mode' }));
    const input = join(dir, '土地覆盖2024.tif');
    execFileSync('gdal_translate', ['-q', '-co', 'COMPRESS=LZW', '-co', 'TILED=NO', cog, input]);
    const out = join(dir, 'release');
    const r = run(input, '--kind', 'categorical', '--year', '2024', '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.entry).toMatchObject({ id: 'landcover-2024', kind: 'categorical', year: 2024, file: 'rasters/landcover-2024.tif', crs: 'EPSG:4547', width: 400, height: 300, nodata: 0, data_type: 'uint8', audience: 'internal', sample_data: false });
    expect(report.entry.source.sha256).toBe(createHash('sha256').update(readFileSync(input)).digest('hex'));

    const made = join(out, 'rasters/landcover-2024.tif');
    expect(execFileSync('/usr/bin/python3', [VALIDATOR, '--full-check=yes', made], { encoding: 'utf8' })).toContain('is a valid cloud optimized GeoTIFF');
    const back = await openGeoTiff(readFileSync(made), made);
    expect(back.info.grid.geoTransform).toEqual(g.geoTransform);
    expect(back.info.tiled).toBe(true);
    expect(Array.from(await back.read(fullWindow(g)))).toEqual(Array.from(data));
    const py = 'import sys; from osgeo import gdal; sys.stdout.buffer.write(gdal.Open(sys.argv[1]).ReadAsArray().tobytes())';
    expect(Array.from(new Uint8Array(execFileSync('/usr/bin/python3', ['-c', py, made], { maxBuffer: 1 << 24 })))).toEqual(Array.from(data));

    // rasters.json lists it; the display copy for the map is Web Mercator
    const manifest = parseRasterManifest(readFileSync(join(out, 'rasters.json'), 'utf8'));
    expect(manifest.rasters.map((e) => e.id)).toEqual(['landcover-2024']);
    expect(manifest.rasters[0].classes?.map((c) => c.key)).toEqual(['forest', 'bamboo', 'shrub', 'cropland', 'water', 'built', 'mine']);
    expect(manifest.rasters[0].display_file).toBe('rasters/landcover-2024.3857.tif');
    const display = JSON.parse(execFileSync('gdalinfo', ['-json', join(out, manifest.rasters[0].display_file!)], { encoding: 'utf8' }));
    expect(display.coordinateSystem.wkt).toMatch(/ID\["EPSG",3857\]\]$/);
    expect(display.metadata.IMAGE_STRUCTURE.LAYOUT).toBe('COG');

    // importing a second raster keeps the first entry; the same id again replaces it
    await importRaster({ file: cog, kind: 'categorical', year: 2020, out, display: false });
    await importRaster({ file: cog, kind: 'categorical', year: 2024, out, display: false, nameZh: '土地覆盖 2024 更正' });
    const again = parseRasterManifest(readFileSync(join(out, 'rasters.json'), 'utf8'));
    expect(again.rasters.map((e) => e.id).sort()).toEqual(['landcover-2020', 'landcover-2024']);
    expect(again.rasters.find((e) => e.id === 'landcover-2024')?.name.zh).toBe('土地覆盖 2024 更正');
  }, 180_000);

  it('a continuous float32 raster (NDVI) in lon/lat: nodata kept, a value ramp from the data', async () => {
    const g = patch(4490, [115.4, 26.4], 0.0001, 300, 200);
    const rng = new Rng('ndvi');
    const data = Float32Array.from({ length: 300 * 200 }, (_, i) => (i % 101 === 0 ? -9999 : Math.fround(rng.range(0.1, 0.9))));
    const file = join(dir, 'ndvi.tif');
    writeFileSync(file, writeCog({ grid: g, dataType: 'float32', bands: 1, data, nodata: -9999, resampling: 'average' }));
    const out = join(dir, 'release-ndvi');
    const r = await importRaster({ file, kind: 'continuous', year: 2025, out, display: false, id: 'ndvi-2025' });
    expect(r.entry).toMatchObject({ kind: 'continuous', data_type: 'float32', nodata: -9999, crs: 'EPSG:4490' });
    expect(r.entry.ramp!.min).toBeGreaterThan(0.1);
    expect(r.entry.ramp!.max).toBeLessThan(0.9);
    const back = await openGeoTiff(readFileSync(join(out, r.entry.file)), 'ndvi');
    expect(Array.from(await back.read(fullWindow(g)))).toEqual(Array.from(data));
  }, 120_000);
});

describe('npm run data:raster — bad input is refused with a message naming the file', () => {
  const good = () => {
    const file = join(dir, 'good.tif');
    writeFileSync(file, writeCog({ grid: patch(), dataType: 'uint8', bands: 1, data: classes(400 * 300), nodata: 0, resampling: 'mode' }));
    return file;
  };
  const refuse = async (file: string, kind: 'imagery' | 'categorical' | 'continuous', message: RegExp, extra: Record<string, unknown> = {}) => {
    await expect(importRaster({ file, kind, year: 2024, out: join(dir, 'refused'), display: false, ...extra })).rejects.toThrow(message);
  };

  it('missing, empty, not a TIFF', async () => {
    await refuse(join(dir, 'nowhere.tif'), 'categorical', /nowhere\.tif: no such file/);
    writeFileSync(join(dir, 'empty.tif'), '');
    await refuse(join(dir, 'empty.tif'), 'categorical', /empty\.tif: the file is empty/);
    writeFileSync(join(dir, 'text.tif'), 'id,name\n1,not a raster\n');
    await refuse(join(dir, 'text.tif'), 'categorical', /text\.tif: not a TIFF file/);
  });

  it('a CRS outside the table, a raster elsewhere in China, a rotated grid', async () => {
    const src = good();
    const merc = join(dir, 'mercator.tif');
    execFileSync('gdal_translate', ['-q', '-a_srs', 'EPSG:3395', src, merc]);
    await refuse(merc, 'categorical', /mercator\.tif: projected CRS EPSG:3395 is not in the CRS table/);
    const beijing = join(dir, 'beijing.tif');
    writeFileSync(beijing, writeCog({ grid: patch(4490, [116.3, 39.95], 0.001, 100, 100), dataType: 'uint8', bands: 1, data: classes(100 * 100), nodata: 0, resampling: 'mode' }));
    await refuse(beijing, 'categorical', /beijing\.tif: lies outside the county: its lon\/lat box \[116\.3000/);
    const rotated = join(dir, 'rotated.tif');
    execFileSync('gdal_translate', ['-q', src, rotated]);
    execFileSync('/usr/bin/python3', ['-c', 'import sys; from osgeo import gdal; ds = gdal.Open(sys.argv[1], 1); ds.SetGeoTransform([640000, 10, 1, 2930000, 1, -10]); ds = None', rotated]);
    await refuse(rotated, 'categorical', /rotated\.tif: the grid is rotated or sheared/);
  });

  it('a kind the pixels do not fit, class values the table does not know, a broken class table', async () => {
    const src = good();
    const nine = join(dir, 'nine-classes.tif');
    writeFileSync(nine, writeCog({ grid: patch(), dataType: 'uint8', bands: 1, data: classes(400 * 300, 9), nodata: 0, resampling: 'mode' }));
    await refuse(nine, 'categorical', /nine-classes\.tif: holds class values the class table does not know: 8, 9/);
    const table = join(dir, 'bad-table.json');
    writeFileSync(table, JSON.stringify({ classes: [{ value: 1, name: { zh: '林地', en: 'Forest' }, colour: 'green' }] }));
    await refuse(src, 'categorical', /bad-table\.json: class 1: "colour" must be "#rrggbb"/, { classes: table });
    const float = join(dir, 'float.tif');
    writeFileSync(float, writeCog({ grid: patch(), dataType: 'float32', bands: 1, data: new Float32Array(400 * 300).fill(1.5), nodata: null, resampling: 'average' }));
    await refuse(float, 'categorical', /float\.tif: a categorical raster must have one integer band/);
    await refuse(float, 'imagery', /float\.tif: imagery must be 8-bit RGB \(3 bands\), RGBA or grey/);
  });

  it('the CLI: exit 1 and one line naming the file; exit 2 for a bad command line; the release untouched', () => {
    mkdirSync(join(dir, 'untouched'), { recursive: true });
    writeFileSync(join(dir, 'notes.tif'), 'not a raster');
    const r = run(join(dir, 'notes.tif'), '--kind', 'categorical', '--year', '2024', '--out', join(dir, 'untouched'));
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`data:raster: ${join(dir, 'notes.tif')}: not a TIFF file`)).toBe(true);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(() => readFileSync(join(dir, 'untouched/rasters.json'))).toThrow();
    const usage = run(join(dir, 'notes.tif'), '--year', '2024', '--out', join(dir, 'untouched'));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^data:raster: no --kind given/);
  }, 120_000);
});

describe('a release keeps its rasters', () => {
  it('importing the inventory again (npm run data:import) leaves rasters.json and rasters/ in place', async () => {
    const release = join(dir, 'release-with-inventory');
    const zip = join(dir, '二类.zip');
    writeFileSync(zip, erleiInventory(JSON.parse(readFileSync(join(import.meta.dirname, '../../data/townships.geojson'), 'utf8')), 40, 3).zip);
    importInventory({ stands: zip, out: release, tiles: false });
    const src = join(dir, 'lc.tif');
    writeFileSync(src, writeCog({ grid: patch(), dataType: 'uint8', bands: 1, data: classes(400 * 300), nodata: 0, resampling: 'mode' }));
    await importRaster({ file: src, kind: 'categorical', year: 2024, out: release, display: false });
    const before = readFileSync(join(release, 'rasters/landcover-2024.tif'));
    importInventory({ stands: zip, out: release, tiles: false });
    expect(parseRasterManifest(readFileSync(join(release, 'rasters.json'), 'utf8')).rasters.map((r) => r.id)).toEqual(['landcover-2024']);
    expect(readFileSync(join(release, 'rasters/landcover-2024.tif')).equals(before)).toBe(true);
    expect(readFileSync(join(release, 'stands.geojson'), 'utf8')).toContain('"type":"FeatureCollection"');
  }, 180_000);
});
