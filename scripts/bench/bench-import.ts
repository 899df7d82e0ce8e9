// Benchmark: `npm run data:import` against GDAL's ogr2ogr on the same 二类 export.
// The 200k stress stands (data-stress/, made when missing) are exported to a zipped shapefile built like a bureau's:
// CGCS2000 3° GK zone 38, GBK attributes without a .cpg, pinyin field names, 地类/起源/龄组 as codes, stock per hectare.
// Then, in one run and alternating order, it times our import without tiles (read, reproject, check and repair, measure,
// map and normalise, write stands.geojson, county, public aggregates, release.json) and
//   ogr2ogr -f GPKG out.gpkg /vsizip/file.zip -t_srs EPSG:4490
// (read, reproject, write a GeoPackage), each as its own process, wall time, best of N; then the tile step once.
// Peak RSS is the largest maximum resident set of our import processes (GNU time). Last line, one JSON object:
//   {"stands": n, "ours_ms": n, "ogr2ogr_ms": n, "ratio": n, "tiles_ms": n, "peak_rss_mb": n}
// Usage: npm run bench:import [-- --stands 200000 --runs 2]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { LAND_CLASS_CODES } from '../../src/core/inventory/codes.ts';
import { writeShapefile, zipShapefile } from '../../src/core/io/shapefile-write.ts';
import { featureAreas } from '../../src/core/plan/layers.ts';
import { makeStressData } from '../make-stress-data.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STANDS = arg('--stands', 200_000);
const RUNS = arg('--runs', 2);

const CODE_BY_CLASS: Record<string, string> = { 乔木林地: '0111', 竹林地: '0113', 特灌林地: '0131', 一般灌木林地: '0132', 疏林地: '0120', 未成林造林地: '0141', 迹地: '0161', 宜林地: '0171' };
for (const [cls, code] of Object.entries(CODE_BY_CLASS)) if (LAND_CLASS_CODES[code].land_class !== cls) throw new Error(`code table changed: ${code}`);
const AGE_CODE: Record<string, string> = { 幼龄林: '1', 中龄林: '2', 近熟林: '3', 成熟林: '4', 过熟林: '5' };

/** The stress stands as a bureau's 二类 shapefile (zipped), and the count. */
function erleiExport(dataDir: string): { zip: Uint8Array; n: number } {
  const fc = JSON.parse(readFileSync(path.join(dataDir, 'stands.geojson'), 'utf8')) as FeatureCollection<Polygon, Record<string, unknown>>;
  const areas = featureAreas(fc.features);
  const features = fc.features.map((f, i): Feature<Polygon> => {
    const p = f.properties;
    const ha = areas[i] / 10_000;
    return {
      type: 'Feature', geometry: f.geometry,
      properties: {
        XIAN: '兴国县', XIANG: p.township_code, CUN: p.village, LIN_BAN: p.lin_ban, XIAO_BAN: p.xiao_ban,
        DI_LEI: CODE_BY_CLASS[p.land_class as string], YOU_SHI_SZ: p.species === '无' ? '' : p.species,
        QI_YUAN: p.origin === '天然' ? '11' : '21', LING_ZU: AGE_CODE[p.age_group as string] ?? '', YU_BI_DU: p.canopy,
        MEI_GQ_XJ: ha > 0 ? Math.round(((p.stock_m3 as number) / ha) * 10) / 10 : 0, XBMJ: Math.round(ha * 100) / 100,
        LIN_ZHONG: '用材林', SEN_LIN_LB: '商品林', LD_QS: '集体', HAI_BA: 300, PO_DU: 15,
      },
    };
  });
  return { zip: zipShapefile('兴国县二类小班', writeShapefile(features, { crs: 4526, encoding: 'gbk', cpg: false })), n: features.length };
}

/** Wall time (ms) and peak RSS (MB, GNU time %M) of a command. */
function timed(cmd: string, args: string[]): { ms: number; rssMb: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const lines = r.stderr.trim().split('\n');
  return { ms, rssMb: Number(lines[lines.length - 1]) / 1024, stdout: r.stdout };
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/ogr2ogr')) {
    process.stderr.write('bench:import: installing gdal-bin for ogr2ogr …\n');
    execFileSync('sh', ['-c', 'apt-get install -y gdal-bin >/dev/null'], { stdio: 'inherit' });
  }
  const dataDir = STANDS === 200_000 ? path.join(ROOT, 'data-stress') : path.join(ROOT, `data-stress-${STANDS}`);
  await makeStressData(STANDS, dataDir, (l) => process.stderr.write(`${l}\n`));
  const work = mkdtempSync(path.join(tmpdir(), 'bench-import-'));
  try {
    // BENCH_IMPORT_FILE: also keep the exported file there (for profiling the import on its own)
    const file = path.join(work, '兴国县二类小班.zip');
    const t0 = performance.now();
    const { zip, n } = erleiExport(dataDir);
    writeFileSync(file, zip);
    if (process.env.BENCH_IMPORT_FILE) writeFileSync(process.env.BENCH_IMPORT_FILE, zip);
    process.stderr.write(`bench:import: wrote ${file} (${n} stands, ${(zip.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const out = path.join(work, 'release');
    const ours: number[] = [];
    const gdal: number[] = [];
    let rss = 0;
    let report: { stands_imported: number; rejected: unknown[] } | null = null;
    for (let run = 0; run < RUNS; run++) {
      const runOurs = () => {
        const r = timed(tsx, [path.join(ROOT, 'scripts/data-import.ts'), file, '--out', out, '--no-tiles', '--json']);
        ours.push(r.ms);
        rss = Math.max(rss, r.rssMb);
        report = JSON.parse(r.stdout);
      };
      const runGdal = () => {
        const gpkg = path.join(work, `out-${run}.gpkg`);
        gdal.push(timed('ogr2ogr', ['-f', 'GPKG', gpkg, `/vsizip/${file}`, '-t_srs', 'EPSG:4490']).ms);
        rmSync(gpkg, { force: true });
      };
      // alternate the order so that load on the shared machine hits both alike
      if (run % 2 === 0) (runOurs(), runGdal());
      else (runGdal(), runOurs());
      process.stderr.write(`bench:import: run ${run + 1}: ours ${ours[ours.length - 1].toFixed(0)} ms, ogr2ogr ${gdal[gdal.length - 1].toFixed(0)} ms\n`);
    }
    if (!report || (report as { stands_imported: number }).stands_imported !== n) throw new Error(`our import kept ${(report as { stands_imported?: number } | null)?.stands_imported} of ${n} stands`);

    const tiles = timed(tsx, ['-e', `import('${path.join(ROOT, 'scripts/tiles/build-stands.ts')}').then((m) => m.buildStandTiles(${JSON.stringify(out)}))`]);
    rss = Math.max(rss, tiles.rssMb);
    const best = (a: number[]) => Math.min(...a);
    const result = {
      stands: n,
      ours_ms: Math.round(best(ours)),
      ogr2ogr_ms: Math.round(best(gdal)),
      ratio: Math.round((best(ours) / best(gdal)) * 100) / 100,
      tiles_ms: Math.round(tiles.ms),
      peak_rss_mb: Math.round(rss),
    };
    process.stdout.write(`import ${n} stands (GK zone 38 zipped shapefile, GBK): ours ${result.ours_ms} ms (no tiles), ogr2ogr → GPKG ${result.ogr2ogr_ms} ms, ratio ${result.ratio} (target ≤ 2); tiles ${result.tiles_ms} ms; peak RSS ${result.peak_rss_mb} MB (target ≤ 2000)\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
