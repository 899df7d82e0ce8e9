// The layering promises of docs/architecture.md, checked on every `npm test`: no import cycles, a pure core, a public page
// that reaches no internal code, and scripts that import no tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossings, importCycles, importGraph } from '../../scripts/lib/import-graph.ts';
import { DEFAULT_FACTORS } from '../../src/core/carbon/factors.ts';
import { LAYERS } from '../../src/layers/registry.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const graph = importGraph(ROOT, ['src', 'scripts']);

describe('architecture', () => {
  it('reads the real tree (the check is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/bureau/App.tsx')?.length).toBeGreaterThan(3);
  });

  it('finds a cycle when there is one (the detector itself)', () => {
    const g = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(importCycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(crossings(g, 'd', ['a'])).toEqual(['d.ts → a.ts']);
  });

  it('has no import cycle in src/ or scripts/', () => {
    expect(importCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('keeps src/core pure: it imports nothing outside itself', () => {
    const out = [...graph].flatMap(([file, edges]) => file.startsWith('src/core/') ? edges.filter((e) => !e.startsWith('src/core/')).map((e) => `${file} → ${e}`) : []);
    expect(out).toEqual([]);
  });

  it('keeps the public page apart from the bureau page and the planner', () => {
    expect(crossings(graph, 'src/public-page/', ['src/bureau/', 'src/planner/'])).toEqual([]);
    expect(crossings(graph, 'src/bureau/', ['src/public-page/'], ['src/public-page/public-data.ts'])).toEqual([]);
  });

  // The workers sit below the pages (docs/architecture.md): a page starts a worker through its client, and what both
  // need (pick index, reference stands, carried attributes, parse positions) lives in src/core or src/workers.
  it('keeps the workers below the pages: no import runs back up from src/workers to a page', () => {
    const pages = ['src/planner/', 'src/bureau/', 'src/public-page/', 'src/field/'];
    // the rule on a deliberately broken copy: a worker importing a planner module is found
    const broken = new Map([...graph, ['src/workers/planner.worker.ts', [...(graph.get('src/workers/planner.worker.ts') ?? []), 'src/planner/import-messages.ts']]]);
    expect(crossings(broken, 'src/workers/', pages)).toEqual(['src/workers/planner.worker.ts → src/planner/import-messages.ts']);
    expect(crossings(graph, 'src/workers/', pages)).toEqual([]);
  });

  it('lets no script or app module import a test', () => {
    expect(crossings(graph, 'scripts/', ['test/'])).toEqual([]);
    // unit tests beside the code (*.test.ts) may use fixtures and pipeline code; the app's modules may not
    const app = new Map([...graph].filter(([file]) => !/\.test(util)?\.tsx?$/.test(file)));
    expect(crossings(app, 'src/', ['test/', 'scripts/'])).toEqual([]);
  });
});

// Comments and docs name files that exist. Every path-like reference in src/, scripts/, docs/ and README.md — a path
// under src/ scripts/ docs/ test/, or any relative path ending in a source or data extension — must resolve from the
// file's folder or one above it, the repository root, src/, src/core/, node_modules/ (a package file) or the data folder (a data file
// such as public/plan-progress.json; `npm test` makes the sample data first). Nothing may point outside the
// repository at the machine's shared notes (`/shared/reference/…`, `../shared/…`, carbon-methods.md): a clone does not
// have them, so a source cited there must be cited by its publication instead.
const PREFIXED = /(?<![\w@/.:-])((?:\.{1,2}\/)*(?:src|scripts|docs|test)\/[\w./@-]*[\w/-])/g;
const WITH_EXTENSION = /(?<![\w@/.:-])((?:\.{1,2}\/)*(?:[\w-]+\/)+[\w.-]*\.(?:tsx?|m?js|md|json|sql|css|html|txt|geojson|bin))(?![\w/])/g;
const PLACEHOLDER = /(^|\/)(DIR|NNN|dataDir)(\/|-|$)/; // DIR/summary.json, migrations/NNN-name.sql: a pattern, not a file
const OUTSIDE = /(?:^|[\s`'"(])(?:\.\.\/)+shared\/|\/shared\/(?:reference|seed)\/|carbon-methods\.md/;

function textFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return textFiles(rel);
    return /\.(tsx?|m?js|md|css|html|sql)$/.test(e.name) ? [rel] : [];
  });
}

const PACKAGES = readdirSync(path.join(ROOT, 'node_modules')).filter((p) => !p.startsWith('.'));

function missingReferences(file: string, text: string): string[] {
  // the file's folder and those above it (src/planner/ops/merge.ts may name storage/server-sync.ts, its planner's)
  const folders = path.dirname(file).split('/').map((_, i, parts) => path.join(ROOT, ...parts.slice(0, parts.length - i)));
  const bases = [...folders, ROOT, path.join(ROOT, 'src'), path.join(ROOT, 'src/core'), path.join(ROOT, 'node_modules'), path.join(ROOT, 'data')];
  const refs = new Set([...text.matchAll(PREFIXED), ...text.matchAll(WITH_EXTENSION)].map((m) => m[1].replace(/\/$/, '')));
  const exists = (ref: string) => bases.some((b) => ['', '.ts', '.tsx'].some((ext) => existsSync(path.resolve(b, ref + ext))))
    // a file inside some package (publish.ts names tsx's dist/esm/api/index.mjs beside its package.json)
    || PACKAGES.some((p) => existsSync(path.join(ROOT, 'node_modules', p, ref)));
  return [...refs].filter((ref) => !PLACEHOLDER.test(ref) && !exists(ref)).map((ref) => `${file}: ${ref}`);
}

describe('comments and docs', () => {
  const files = [...['src', 'scripts', 'docs'].flatMap(textFiles), 'README.md'];

  it('reads the real tree, and the checker catches a made-up path', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(missingReferences('src/x.ts', '// see map/add-layers.ts and src/core/nowhere/ and scripts/lib/args.ts').sort()).toEqual(['src/x.ts: map/add-layers.ts', 'src/x.ts: src/core/nowhere']);
    expect(OUTSIDE.test("source: 'carbon-methods.md §4'")).toBe(true);
    expect(OUTSIDE.test('see ../shared/reference/x.md')).toBe(true);
  });

  it('name only paths that exist', () => {
    expect(files.flatMap((f) => missingReferences(f, readFileSync(path.join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('cite nothing outside the repository (the carbon factor sources cite publications, not local notes)', () => {
    expect(files.filter((f) => OUTSIDE.test(readFileSync(path.join(ROOT, f), 'utf8')))).toEqual([]);
    for (const [name, f] of Object.entries(DEFAULT_FACTORS)) {
      for (const s of JSON.stringify(f).match(/"source":"[^"]*"/g) ?? []) expect(s, name).not.toMatch(/\.md\b|§/);
    }
  });

  it("README's and docs/architecture.md's folder lists match src/ and src/core/", () => {
    const section = (file: string, heading: RegExp) => {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const start = text.search(heading);
      const end = text.indexOf('\n## ', start + 1);
      return text.slice(start, end < 0 ? undefined : end);
    };
    const dirs = (d: string) => readdirSync(path.join(ROOT, d), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const [file, text] of [['README.md', section('README.md', /^## Architecture/m)], ['docs/architecture.md', section('docs/architecture.md', /^# Architecture/m)]]) {
      expect(dirs('src').filter((d) => !text.includes(`src/${d}/`)), file).toEqual([]);
      expect(dirs('src/core').filter((d) => !new RegExp(`(^|[\\s/(,])${d}(/|[\\s),])`, 'm').test(text)), file).toEqual([]);
      const listed = [...text.matchAll(/(?<![\w/])src\/([\w-]+)\//g)].map((m) => m[1]);
      expect(listed.filter((d) => !existsSync(path.join(ROOT, 'src', d))), file).toEqual([]);
    }
  });
});

// The map wrapper (src/map/map-controller.ts, docs/architecture.md): outside src/map no module makes a MapLibre layer
// id or changes the map's style itself, and the browser-test hooks are set only through src/test-hooks.ts.
const LAYER_ID = /::(fill|hit|outline|line|circle|point|label|planned|planned-outline|selected)\b/;
const STYLE_CALL = /\.(addLayer|addSource|removeLayer|removeSource|setFilter|getFilter|setPaintProperty|setLayoutProperty|getPaintProperty|getLayoutProperty|getSource|getLayer|getLayersOrder|moveLayer|setFeatureState|removeFeatureState|queryRenderedFeatures|querySourceFeatures|addImage|setStyle|addControl|removeControl)\(/;
const HOOK = /(?<![\w-])__(map|draw|progress|analysisLoad)\b/;

/** Lines of a source file that break the map-wrapper rules (comments are not code and are skipped). */
function mapRuleBreaks(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/^\s*(\/\/|\*|\/\*).*$/, '').replace(/\s\/\/\s.*$/, '');
    const where = `${file}:${i + 1}`;
    if (!file.startsWith('src/map/')) {
      if (LAYER_ID.test(code)) out.push(`${where} builds a map layer id: ${code.trim()}`);
      if (STYLE_CALL.test(code)) out.push(`${where} changes the map style directly: ${code.trim()}`);
    }
    if (file !== 'src/test-hooks.ts') {
      if (/window\s*(as\b[^;]*)?\)?\s*\.__|\(window as [^)]*\{\s*__/.test(code)) out.push(`${where} sets a window.__ hook outside src/test-hooks.ts`);
      else if (HOOK.test(code) && !/if \(TEST_HOOKS\) exposeForTests\(/.test(code)) out.push(`${where} names a test hook outside an \`if (TEST_HOOKS) exposeForTests(…)\`: ${code.trim()}`);
    }
  });
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test(util)?\.tsx?$/.test(f))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`);
}

describe('the map wrapper', () => {
  it('finds a layer id, a style call and a stray hook when there is one (the check itself)', () => {
    expect(mapRuleBreaks('src/planner/x.ts', 'map.addLayer({ id: `${key}::fill` });')).toHaveLength(2);
    expect(mapRuleBreaks('src/public-page/x.ts', "const id = 'township-stats::selected';")).toHaveLength(1);
    expect(mapRuleBreaks('src/bureau/x.ts', '(window as unknown as { __map?: unknown }).__map = map;')).toHaveLength(1);
    expect(mapRuleBreaks('src/bureau/x.ts', 'exposeForTests({ __progress: p });')).toHaveLength(1);
    expect(mapRuleBreaks('src/bureau/x.ts', 'if (TEST_HOOKS) exposeForTests({ __progress: p });')).toEqual([]);
    expect(mapRuleBreaks('src/map/map-controller.ts', "map.setPaintProperty(layerId(key, 'fill'), 'fill-color', c);")).toEqual([]);
    expect(mapRuleBreaks('src/planner/x.ts', '// the ::fill layer, not map.addLayer( here')).toEqual([]);
  });

  it('is the only module that makes layer ids or changes the style; hooks come from src/test-hooks.ts alone', () => {
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/map/map-controller.ts');
    expect(files.flatMap((f) => mapRuleBreaks(f, readFileSync(path.join(ROOT, f), 'utf8')))).toEqual([]);
  });
});

// The layer registry is the one list of layers (src/layers, docs/architecture.md): outside it no module declares a
// layer or lists registry ids; a list of layers is derived from registry fields (edit-roles.ts, analysis-roles.ts,
// src/public-page/layers.ts). Naming one layer (the townships layer a click selects) is a reference, not a list.
// Exempt: src/layers itself, and tests (they pin what the derivations give). Not counted: a line or array that types
// its names as `PlanLayers` members (the plan's own vocabulary in src/core/plan/layers.ts, which shares some words
// with the ids — stands, county, townships — and is checked by the compiler); the registry maps its layers to them by
// `analysis.plan`. The data generator (scripts/sample-data) needs no exemption: it names the files it writes, not ids.
const REGISTRY_IDS = new Set(LAYERS.map((l) => l.id));
const QUOTED = /(['"`])([a-z][a-z0-9-]*)\1/g;
const LAYER_FIELDS = /\b(file|source|geometry|style|popup|audience)\s*:/;

/** Places in a source file that list layers outside the registry (comments are not code and are skipped). */
function layerListBreaks(file: string, text: string): string[] {
  if (file.startsWith('src/layers/') || /\.test(util)?\.tsx?$/.test(file)) return [];
  const lines = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).split('\n').map((l) => l.replace(/^\s*\/\/.*$/, '').replace(/\s\/\/\s.*$/, ''));
  const ids = (s: string) => /\bPlanLayers\b/.test(s) ? [] : [...new Set([...s.matchAll(QUOTED)].map((m) => m[2]).filter((w) => REGISTRY_IDS.has(w)))];
  const out: string[] = [];
  lines.forEach((line, i) => {
    const named = ids(line);
    if (named.length >= 2) out.push(`${file}:${i + 1} lists the layers ${named.join(', ')}`);
  });
  const code = lines.join('\n');
  const lineOf = (at: number) => code.slice(0, at).split('\n').length;
  // an array literal over several lines (one line was checked above)
  for (const m of code.matchAll(/\[[^[\]]*\n[^[\]]*\]/g)) {
    const named = ids(m[0]);
    if (named.length >= 2) out.push(`${file}:${lineOf(m.index)} lists the layers ${named.join(', ')}`);
  }
  // an object with a registry id and a layer's fields: a layer (or a second definition of one) declared here
  for (const m of code.matchAll(/\bid\s*:\s*(['"`])([a-z][a-z0-9-]*)\1/g)) {
    if (REGISTRY_IDS.has(m[2]) && LAYER_FIELDS.test(code.slice(m.index, m.index + 300).split(/\n\s*\{|\}\s*,?\s*\n/)[0])) out.push(`${file}:${lineOf(m.index)} declares the layer ${m[2]}`);
  }
  return out;
}

describe('the layer registry', () => {
  it('finds a list of layers outside the registry when there is one (the check itself)', () => {
    // the second list src/core/plan/project-edit.ts kept, the township rule of src/server/projects.ts, the snapping
    // and print lists of the planner, a multi-line array
    expect(layerListBreaks('src/core/plan/x.ts', "export const L = [\n  { id: 'mines', file: 'mines.geojson', geometry: ['Polygon'] },\n  { id: 'pv', file: 'pv.geojson' },\n];")).toEqual([
      'src/core/plan/x.ts:2 declares the layer mines', 'src/core/plan/x.ts:3 declares the layer pv',
    ]);
    expect(layerListBreaks('src/server/x.ts', "const props = { ...(l.id !== 'wind-turbines' && l.id !== 'substations' ? { township_code: c } : {}) };")).toHaveLength(1);
    expect(layerListBreaks('src/planner/x.ts', "snapLayers: () => ['stands', 'townships'],")).toHaveLength(1);
    expect(layerListBreaks('scripts/x.ts', "const CONTEXT = [\n  'county',\n  'water',\n];")).toHaveLength(1);
    // not a list: one layer named, a comment, a test, the registry, PlanLayers members, a siting rule's id
    expect(layerListBreaks('src/bureau/x.ts', "if (p?.layer.id === 'townships') select(p);")).toEqual([]);
    expect(layerListBreaks('src/bureau/x.ts', "// the 'stands' and 'townships' layers\nconst a = 1; // 'pv', 'mines'")).toEqual([]);
    expect(layerListBreaks('src/planner/x.test.ts', "expect(ids).toEqual(['stands', 'townships']);")).toEqual([]);
    expect(layerListBreaks('src/layers/x.ts', "snap: ['stands', 'townships'],")).toEqual([]);
    expect(layerListBreaks('src/core/plan/x.ts', "const REQUIRED: ReadonlySet<keyof PlanLayers> = new Set(['stands', 'county']);")).toEqual([]);
    expect(layerListBreaks('src/core/analysis/x.ts', "{\n  id: 'urban-boundary', types: ALL_TYPES, verdict: '注意',\n  text: { zh: '…', en: '…' },\n},")).toEqual([]);
  });

  it('is the only list of layers in src/ and scripts/', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('scripts')];
    expect(files).toContain('src/server/projects.ts');
    expect(files.flatMap((f) => layerListBreaks(f, readFileSync(path.join(ROOT, f), 'utf8')))).toEqual([]);
  });
});
