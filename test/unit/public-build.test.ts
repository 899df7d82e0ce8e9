// The public build ships no internal data: build the public page (vite.public.config.ts) from a fixture county whose
// data folder also holds stands, scan the output, and prove the scan itself fails on planted internal data.
// With the real sample data present, the real public build is scanned too.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { fixtureLayers } from '../../src/core/plan/fixture.testutil.ts';
import { planLayerFiles } from '../../src/layers/analysis-roles.ts';
import { publicDataFiles } from '../../src/public-page/layers.ts';
import { scanPublicBuild } from '../public-scan.ts';
import { hookNames } from '../hook-scan.ts';

const PLAN_LAYER_FILES = planLayerFiles();

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'public-build-'));

function writeFixtureData(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const layers = fixtureLayers();
  // Stand ids in the real format, so a leak would be caught by the id pattern as well as by the file name.
  layers.stands.features.forEach((f, i) => { f.properties.id = `${f.properties.township_code}-001-${String(i + 1).padStart(3, '0')}`; });
  for (const f of layers.townships!.features) (f.properties as { name_en?: string }).name_en = `T${f.properties.code.slice(-2)}`;
  for (const [key, file] of Object.entries(PLAN_LAYER_FILES)) {
    const fc = layers[key as keyof typeof layers];
    if (fc) writeFileSync(path.join(dir, file), JSON.stringify(fc));
  }
  const labels = { type: 'FeatureCollection', features: layers.townships!.features.map((f, i) => ({ type: 'Feature', id: i + 1, geometry: { type: 'Point', coordinates: [115.3, 26.3] }, properties: { id: f.properties.code, code: f.properties.code, name: f.properties.name } })) };
  writeFileSync(path.join(dir, 'township-labels.geojson'), JSON.stringify(labels));
  writeFileSync(path.join(dir, 'README.md'), '# fixture\n');
}

async function buildPublic(dataDir: string, outDir: string): Promise<void> {
  const before = process.env.XINGGUO_DATA_DIR;
  process.env.XINGGUO_DATA_DIR = dataDir;
  try {
    await build({ root: ROOT, configFile: path.join(ROOT, 'vite.public.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    if (before === undefined) delete process.env.XINGGUO_DATA_DIR;
    else process.env.XINGGUO_DATA_DIR = before;
  }
}

describe('public build scan', () => {
  const dataDir = path.join(work, 'data');
  const outDir = path.join(work, 'dist-public');
  writeFixtureData(dataDir);

  it('builds from a data folder that holds stands and ships none of them', async () => {
    await buildPublic(dataDir, outDir);
    const { files, findings } = scanPublicBuild(outDir);
    expect(findings).toEqual([]);
    expect(files).toContain('index.html');
    expect(files.some((f) => f.startsWith('assets/') && f.endsWith('.js'))).toBe(true);
    // the data folder holds exactly the page's files that exist in the source folder, nothing else
    const shipped = files.filter((f) => f.startsWith('data/')).map((f) => f.slice(5)).sort();
    expect(shipped).toEqual(publicDataFiles().filter((f) => existsSync(path.join(dataDir, f))).sort());
    expect(shipped).toContain('public/township-stats.geojson');
    expect(shipped).toContain('public/plan-progress.json');
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<script type="module"[^>]+src="\.\/assets\//); // relative paths: deployable under any folder
    // A production build: no browser-test hooks (src/test-hooks.ts; the bureau build is checked in test-hooks-build.test.ts).
    expect(hookNames(outDir)).toEqual([]);
    const plan = JSON.parse(readFileSync(path.join(outDir, 'data/public/plan-progress.json'), 'utf8'));
    expect(plan.townships.map((r: { code: string }) => r.code)).toEqual(['360732100', '360732101', '360732102', '360732103']);
  }, 180_000);

  it('the scan fails on planted internal data (stand file, stand id, stand field, internal layer file name, drawing code)', () => {
    const cases: [string, string, RegExp][] = [
      ['data/stands.geojson', '{}', /stand file/],
      ['data/public/extra.json', '{"ref":"360732105-012-034"}', /stand id/],
      ['assets/leak.js', 'const k = "stock_m3";', /stock_m3/],
      ['assets/leak2.js', 'fetch("data/" + "x"); const f = "stands.geojson";', /internal layer file/],
      ['assets/draw.js', 'class TerraDrawPolygonMode {}', /TerraDraw/],
      ['data/tiles/stands/10/850/430.pbf', 'x', /internal layer tiles/],
      ['data/stands.columns.bin', 'XGCOLS01', /stand file/],
    ];
    for (const [rel, text, problem] of cases) {
      const copy = mkdtempSync(path.join(work, 'planted-'));
      cpSync(outDir, copy, { recursive: true });
      mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
      writeFileSync(path.join(copy, rel), text);
      const { findings } = scanPublicBuild(copy);
      expect(findings.length, rel).toBeGreaterThan(0);
      expect(findings.map((f) => f.problem).join('\n')).toMatch(problem);
    }
  });

  it.skipIf(!existsSync(path.join(ROOT, 'data', PLAN_LAYER_FILES.stands)))('the public build of the sample data holds no internal data', async () => {
    const realOut = path.join(work, 'dist-public-real');
    await buildPublic(path.join(ROOT, 'data'), realOut);
    const { files, findings } = scanPublicBuild(realOut);
    expect(findings).toEqual([]);
    expect(readdirSync(path.join(realOut, 'data'))).not.toContain('stands.geojson');
    expect(files.filter((f) => f.startsWith('data/')).length).toBe(publicDataFiles().length);
  }, 180_000);
});
