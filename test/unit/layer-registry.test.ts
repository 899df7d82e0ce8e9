// The registry is the one list of layers (issue 13): every other list is derived from it, the public page reaches only
// the public registry file, the public build's scan recognises the internal registry, and a bureau's extra-layers.json
// is checked with messages that name the file, the entry and the field.
import path from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CONTRACT_FILES } from '../../scripts/sample-data/config.ts';
import { importGraph } from '../../scripts/lib/import-graph.ts';
import type { PlanLayers } from '../../src/core/plan/layers.ts';
import { PROJECT_LAYERS } from '../../src/core/plan/project-edit.ts';
import { constraintLayers, layersWithRole, overlapLayers, overlapName, planLayerFiles, sitingRules } from '../../src/layers/analysis-roles.ts';
import { SITING_RULES } from '../../src/core/analysis/siting-rules.ts';
import { parseExtraLayers } from '../../src/layers/extra-layers.ts';
import { INTERNAL_LAYERS } from '../../src/layers/internal-registry.ts';
import { PUBLIC_LAYERS } from '../../src/layers/public-registry.ts';
import { assemble, LAYERS } from '../../src/layers/registry.ts';
import { scanPublicBuild } from '../public-scan.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the layer registry', () => {
  it('is the public and the internal file together, each entry once, in drawing order', () => {
    expect(PUBLIC_LAYERS.every((l) => l.audience === 'public')).toBe(true);
    expect(INTERNAL_LAYERS.every((l) => l.audience === 'internal')).toBe(true);
    expect(LAYERS.map((l) => l.id).sort()).toEqual([...PUBLIC_LAYERS, ...INTERNAL_LAYERS].map((l) => l.id).sort());
    const ids = LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    // basemap first, then the stands, the thematic layers, and the township outlines over them
    const at = (id: string) => ids.indexOf(id);
    expect(LAYERS.slice(0, LAYERS.filter((l) => l.context).length).every((l) => l.context)).toBe(true);
    expect(at('rivers')).toBeLessThan(at('stands'));
    expect(at('stands-pine-wilt')).toBeLessThan(at('carbon-pilots'));
    expect(at('gas-coverage')).toBeLessThan(at('townships'));
  });

  it('puts added layers under the township outlines and refuses an id declared twice', () => {
    const extra = { ...PUBLIC_LAYERS.find((l) => l.id === 'mines')!, id: 'quarries' };
    const ids = assemble(PUBLIC_LAYERS, INTERNAL_LAYERS, [extra]).map((l) => l.id);
    expect(ids.indexOf('quarries')).toBe(ids.indexOf('townships') - 1);
    expect(() => assemble(PUBLIC_LAYERS, INTERNAL_LAYERS, [{ ...extra, id: 'pv' }])).toThrow('"pv" is declared twice');
  });

  it('gives every plan layer its file (the list the workers, the server and the CLIs read)', () => {
    // typed: a PlanLayers member without a file here fails the type check, one without a registry entry fails below
    const expected: Record<keyof PlanLayers, string> = {
      stands: 'stands.geojson', county: 'county.geojson', townships: 'townships.geojson', pv: 'pv.geojson',
      windFarms: 'wind-farms.geojson', gasPipelines: 'gas-pipelines.geojson', mines: 'mines.geojson', wetlands: 'wetlands.geojson',
      substations: 'substations.geojson', carbonPilots: 'carbon-pilots.geojson', oilTeaBases: 'oil-tea-bases.geojson',
    };
    expect(planLayerFiles()).toEqual(expected);
  });

  it('names the site-analysis overlap layers by their plan keys, with the registry names', () => {
    expect(overlapLayers().map((o) => o.key).sort()).toEqual(['carbonPilots', 'mines', 'oilTeaBases', 'pv', 'wetlands', 'windFarms']);
    expect(layersWithRole('overlap').every((l) => l.geometry === 'polygon')).toBe(true);
    expect(overlapName('windFarms')).toEqual({ zh: '风电场', en: 'Wind farms' });
    expect(overlapName('gone')).toEqual({ zh: 'gone', en: 'gone' });
  });

  it('derives the data contract: every file a layer reads, less the public aggregates', () => {
    expect([...CONTRACT_FILES].sort()).toEqual([
      'carbon-pilots.geojson', 'county.geojson', 'ecological-redline.geojson', 'gas-pipelines.geojson', 'mines.geojson', 'neighbours.geojson',
      'oil-tea-bases.geojson', 'permanent-farmland.geojson', 'pv.geojson', 'rivers.geojson', 'stands.geojson', 'substations.geojson',
      'township-labels.geojson', 'townships.geojson', 'urban-boundary.geojson', 'water.geojson', 'wetlands.geojson', 'wind-farms.geojson',
      'wind-turbines.geojson',
    ]);
  });

  it('declares the 三区三线 as internal constraint layers whose kinds the siting rules know', () => {
    const c = constraintLayers();
    expect(c.map((x) => `${x.id}:${x.kind}`)).toEqual(['permanent-farmland:permanent_farmland', 'ecological-redline:ecological_redline', 'urban-boundary:urban_boundary']);
    for (const x of c) {
      expect(LAYERS.find((l) => l.id === x.id)!.audience).toBe('internal');
      expect(SITING_RULES.some((r) => r.target.kind === 'constraint' && r.target.constraint === x.kind)).toBe(true);
    }
    // A constraint layer brings its own rules only when it names verdicts (a bureau's layer).
    expect(sitingRules()).toEqual([...SITING_RULES]);
    const own = sitingRules([...LAYERS, { ...LAYERS.find((l) => l.id === 'urban-boundary')!, id: 'reserve', analysis: { constraint: { kind: 'reserve', verdicts: { 光伏: '禁止', 风电: '禁止', 造林: '允许' } } } }]);
    expect(own.length).toBe(SITING_RULES.length + 2);
    expect(own.filter((r) => r.target.kind === 'constraint' && r.target.constraint === 'reserve').map((r) => `${r.verdict}:${r.types.join('/')}`)).toEqual(['禁止:光伏/风电', '允许:造林']);
  });

  it("agrees with the editable project layers (src/core/plan/project-edit.ts, which the pure core cannot derive)", () => {
    for (const p of PROJECT_LAYERS) expect(`${p.id}: ${LAYERS.find((l) => l.id === p.id)?.source.file}`).toBe(`${p.id}: ${p.file}`);
  });

  it('keeps the internal registry out of the public page: no import path reaches it', () => {
    const graph = importGraph(ROOT, ['src']);
    const seen = new Set<string>();
    const todo = ['src/public-page/main.tsx'];
    while (todo.length) {
      const f = todo.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      todo.push(...(graph.get(f) ?? []));
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(seen.has('src/layers/public-registry.ts')).toBe(true);
    expect([...seen].filter((f) => /src\/layers\/(internal-registry|registry|analysis-roles)\.ts$/.test(f))).toEqual([]);
  });

  it("the public build's scan finds the internal registry's entries in a bundle, and not the public ones", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'registry-scan-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets', 'public.js'), `const L=${JSON.stringify(PUBLIC_LAYERS.map(({ popup, ...l }) => l))};`);
    expect(scanPublicBuild(dir).findings).toEqual([]);
    // the names and ids alone (no stand file or attribute names) are enough to be caught
    writeFileSync(path.join(dir, 'assets', 'leak.js'), `const L=${JSON.stringify(INTERNAL_LAYERS.map((l) => ({ id: l.id, name: l.name })))};`);
    const problems = scanPublicBuild(dir).findings.map((f) => f.problem);
    expect(problems).toContain('holds "stands-upgrade" of the internal layer registry');
    expect(problems).toContain('holds "森林资源小班" of the internal layer registry');
  });
});

describe('extra-layers.json (layers a bureau adds)', () => {
  const good = {
    id: 'nursery-plots', name: { zh: '苗圃地块', en: 'Tree nurseries' }, group: 'forest', source: { file: 'nursery.geojson' },
    geometry: 'polygon', audience: 'internal', style: { fill: { kind: 'steps', property: 'n', breaks: [10, 20], colours: ['#eeeeee', '#888888', '#111111'] } },
    analysis: { overlap: true },
  };
  const parse = (v: unknown, has = () => true) => parseExtraLayers(JSON.stringify(v), '/d/extra-layers.json', LAYERS.map((l) => l.id), has);

  it('reads an entry into a registry layer with a numeric colour channel and the overlap role', () => {
    const [l] = parse({ layers: [good] });
    expect(l).toMatchObject({ id: 'nursery-plots', visible: false, popup: { title: 'name', fields: [] }, analysis: { overlap: true } });
    expect(l.style.fill).toEqual({ kind: 'steps', property: 'n', breaks: [10, 20], colours: ['#eeeeee', '#888888', '#111111'], missing: '#cfd8dc' });
    expect(overlapLayers([...LAYERS, l]).map((o) => o.key)).toContain('nursery-plots');
  });

  it('refuses bad entries with the file, the entry and the field', () => {
    expect(() => parseExtraLayers('{"layers": [', '/d/extra-layers.json', [], () => true)).toThrow(/^\/d\/extra-layers\.json: not valid JSON/);
    expect(() => parse({ layers: [{ ...good, id: 'pv' }] })).toThrow('/d/extra-layers.json: layer 1 ("pv"): "id" pv is already a layer');
    expect(() => parse([good, good])).toThrow('layer 2 ("nursery-plots"): "id" nursery-plots is already a layer');
    expect(() => parse([good], () => false)).toThrow('layer 1 ("nursery-plots"): its file nursery.geojson is not in the data folder');
    expect(() => parse([{ ...good, source: { file: '../secret.geojson' } }])).toThrow('"source" must be');
    expect(() => parse([{ ...good, analysis: { plan: 'pv' } }])).toThrow('"analysis.plan" is for the built-in plan layers');
    expect(() => parse([{ ...good, name: { zh: '苗圃' } }])).toThrow('"name" needs a Chinese and an English text');
    expect(() => parse([{ ...good, style: { fill: { ...good.style.fill, colours: ['#eeeeee'] } } }])).toThrow('"style.fill".colours must hold one colour more than breaks (3)');
    expect(() => parse([{ ...good, style: { fill: { kind: 'single', colour: 'url(x)' } } }])).toThrow('"style.fill".colour is not a colour');
    expect(() => parse([{ ...good, audience: 'everyone' }])).toThrow('"audience" must be "public" or "internal"');
    expect(() => parse({ nope: 1 })).toThrow('expected {"layers": [ … ]}');
  });

  it('reads a constraint layer: its own verdicts with the citation, or a built-in kind; bad ones name the field', () => {
    const reserve = { ...good, id: 'nature-reserve', analysis: { constraint: { verdicts: { 光伏: '禁止', 修复: '注意' }, basis: { zh: '县自然保护地管理办法', en: 'county nature-reserve rules' } } } };
    const [l] = parse([reserve]);
    expect(l.analysis).toEqual({ constraint: { kind: 'nature-reserve', verdicts: { 光伏: '禁止', 修复: '注意' }, basis: { zh: '县自然保护地管理办法', en: 'county nature-reserve rules' } } });
    expect(constraintLayers([...LAYERS, l]).map((c) => c.id)).toContain('nature-reserve');
    const rules = sitingRules([...LAYERS, l]).filter((r) => r.target.kind === 'constraint' && r.target.constraint === 'nature-reserve');
    expect(rules.map((r) => [r.verdict, r.types, r.basis.status, r.basis.zh])).toEqual([['禁止', ['光伏'], 'bureau', '县自然保护地管理办法'], ['注意', ['修复'], 'bureau', '县自然保护地管理办法']]);
    const [more] = parse([{ ...good, id: 'farmland-2', analysis: { constraint: 'permanent_farmland' } }]);
    expect(more.analysis).toEqual({ constraint: { kind: 'permanent_farmland' } });
    expect(() => parse([{ ...reserve, analysis: { constraint: { verdicts: { 水电: '禁止' } } } }])).toThrow('"analysis.constraint.verdicts": "水电" is not a site type');
    expect(() => parse([{ ...reserve, analysis: { constraint: { verdicts: { 光伏: '不行' } } } }])).toThrow('"analysis.constraint.verdicts.光伏" must be one of 禁止, 需审批, 注意, 允许');
    expect(() => parse([{ ...reserve, analysis: { constraint: 'farmland' } }])).toThrow('"analysis.constraint" must be one of permanent_farmland');
    expect(() => parse([{ ...reserve, geometry: 'point' }])).toThrow('"analysis.constraint" needs polygons');
  });
});
