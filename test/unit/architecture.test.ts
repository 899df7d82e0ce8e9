// The layering promises of docs/architecture.md, checked on every `npm test`: no import cycles, a pure core, a public page
// that reaches no internal code, and scripts that import no tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossings, importCycles, importGraph } from '../../scripts/lib/import-graph.ts';
import { DEFAULT_FACTORS } from '../../src/core/carbon/factors.ts';

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

  it('lets no script or app module import a test', () => {
    expect(crossings(graph, 'scripts/', ['test/'])).toEqual([]);
    // unit tests beside the code (*.test.ts) may use fixtures and pipeline code; the app's modules may not
    const app = new Map([...graph].filter(([file]) => !/\.test(util)?\.tsx?$/.test(file)));
    expect(crossings(app, 'src/', ['test/', 'scripts/'])).toEqual([]);
  });
});

// Comments and docs name files that exist. Every path-like reference in src/, scripts/, docs/ and README.md — a path
// under src/ scripts/ docs/ test/, or any relative path ending in a source or data extension — must resolve from the
// file's folder, the repository root, src/, src/core/, node_modules/ (a package file) or the data folder (a data file
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

function missingReferences(file: string, text: string): string[] {
  const bases = [path.dirname(path.join(ROOT, file)), ROOT, path.join(ROOT, 'src'), path.join(ROOT, 'src/core'), path.join(ROOT, 'node_modules'), path.join(ROOT, 'data')];
  const refs = new Set([...text.matchAll(PREFIXED), ...text.matchAll(WITH_EXTENSION)].map((m) => m[1].replace(/\/$/, '')));
  return [...refs].filter((ref) => !PLACEHOLDER.test(ref) && !bases.some((b) => ['', '.ts', '.tsx'].some((ext) => existsSync(path.resolve(b, ref + ext)))))
    .map((ref) => `${file}: ${ref}`);
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
