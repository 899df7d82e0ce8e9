// The project's own import graph, read from the source text (relative specifiers only: packages are not part of the
// architecture). Used by test/unit/architecture.test.ts to keep the layering promises of docs/architecture.md.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.(ts|tsx)$/;
// static imports and re-exports (type-only too: a type cycle is still a cycle of meaning) and dynamic import('…')
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (SOURCE.test(entry.name)) out.push(p);
  }
}

/** Import edges between files under `roots` (paths relative to `top`, with '/' separators). */
export function importGraph(top: string, roots: string[]): ImportGraph {
  const files: string[] = [];
  for (const r of roots) walk(path.join(top, r), files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const rel = path.relative(top, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    const edges: string[] = [];
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = (m[1] ?? m[2]).replace(/\?.*$/, '');
      if (!spec.startsWith('.')) continue;
      edges.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)));
    }
    graph.set(rel, edges);
  }
  return graph;
}

/** Every elementary cycle found by one depth-first pass (each reported once, as a list of files ending where it began). */
export function importCycles(graph: ImportGraph): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (u: string): void => {
    state.set(u, 1);
    stack.push(u);
    for (const v of graph.get(u) ?? []) {
      if (!graph.has(v)) continue;
      const s = state.get(v);
      if (s === 1) cycles.push([...stack.slice(stack.indexOf(v)), v]);
      else if (s === undefined) visit(v);
    }
    stack.pop();
    state.set(u, 2);
  };
  for (const u of graph.keys()) if (!state.has(u)) visit(u);
  return cycles;
}

/** Edges from files under `from` to files under any of `to` (folder prefixes), as "file → target". */
export function crossings(graph: ImportGraph, from: string, to: string[], except: string[] = []): string[] {
  const out: string[] = [];
  for (const [file, edges] of graph) {
    if (!file.startsWith(from)) continue;
    for (const target of edges) {
      if (to.some((t) => target.startsWith(t)) && !except.some((e) => target.startsWith(e))) out.push(`${file} → ${target}`);
    }
  }
  return out;
}
