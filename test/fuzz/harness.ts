// What every fuzzed input must end in: a result whose coordinates are usable lon/lat, or an ImportError whose message
// names the file and says what is wrong in a bounded length — never another exception, never a change to the input
// bytes, and never more than a bounded time. Each suite keeps a tally so the output says how many inputs were tried.
import { ImportError } from '../../src/core/io/errors.ts';
import type { ImportResult } from '../../src/core/io/types.ts';
import type { Geometry, Position } from 'geojson';

/** Inputs per importer: 10,000 in CI, more with `npm run fuzz` (FUZZ_RUNS=200000). */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** A single input taking longer than this is a hang, whatever the machine. */
export const MAX_MS_PER_INPUT = 2_000;
/** A message longer than this is not "clear" (e.g. a whole file echoed back). */
export const MAX_MESSAGE_CHARS = 1_000;

export interface Tally {
  name: string;
  tried: number;
  results: number;
  errors: number;
  slowestMs: number;
  /** A few distinct messages, to show in the output what users would read. */
  samples: Set<string>;
}

export const tallies: Tally[] = [];

export function tally(name: string): Tally {
  const t: Tally = { name, tried: 0, results: 0, errors: 0, slowestMs: 0, samples: new Set() };
  tallies.push(t);
  return t;
}

export function printTallies(title: string): void {
  const lines = tallies.map((t) =>
    `  ${t.name.padEnd(22)} ${String(t.tried).padStart(8)} inputs  ${String(t.results).padStart(7)} results  ${String(t.errors).padStart(7)} clear errors  slowest ${t.slowestMs.toFixed(1)} ms`);
  console.log(`${title}\n${lines.join('\n')}`);
}

function* positions(g: Geometry | null): Generator<Position> {
  if (!g) return;
  if (g.type === 'GeometryCollection') {
    for (const x of g.geometries) yield* positions(x);
    return;
  }
  const walk = function* (v: unknown): Generator<Position> {
    if (Array.isArray(v) && typeof v[0] === 'number') yield v as Position;
    else if (Array.isArray(v)) for (const x of v) yield* walk(x);
  };
  yield* walk(g.coordinates);
}

/** The properties of a good result: parallel arrays, and every position a finite lon/lat. */
export function checkResult(result: ImportResult): void {
  if (!Array.isArray(result.features) || result.features.length !== result.sourceIndex.length) throw new Error('features and sourceIndex differ in length');
  for (const f of result.features) {
    for (const p of positions(f.geometry)) {
      const [lon, lat] = p;
      if (!(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
        throw new Error(`result holds an unusable position ${JSON.stringify(p)}`);
      }
    }
  }
  // Per-feature reasons, repairs and warnings quote the file too (names, cells): they must stay readable.
  const texts = [...result.report.rejected.map((r) => r.why), ...result.report.fixed.map((f) => f.what), ...result.report.warnings];
  for (const text of texts) if (text.length > MAX_MESSAGE_CHARS) throw new Error(`report line of ${text.length} chars: ${text.slice(0, 200)}…`);
}

/**
 * Run `call` on one input and check how it ended. Returns the result (undefined after a clear error) so callers can
 * push it further (the CLIs' measuring and carbon paths).
 */
export function outcome<R extends ImportResult>(t: Tally, fileName: string, bytes: Uint8Array, call: () => R, maxMs = MAX_MS_PER_INPUT): R | undefined {
  const before = bytes.slice();
  const started = performance.now();
  let result: R | undefined;
  try {
    result = call();
  } catch (e) {
    if (!(e instanceof ImportError)) throw new Error(`${fileName}: not an ImportError but ${(e as Error)?.name}: ${(e as Error)?.message?.slice(0, 300)}`, { cause: e });
    if (!e.message.startsWith(`${fileName}: `) || e.problem.trim() === '') throw new Error(`unclear message: ${e.message.slice(0, 300)}`);
    if (e.message.length > MAX_MESSAGE_CHARS) throw new Error(`message of ${e.message.length} chars: ${e.message.slice(0, 200)}…`);
    t.errors++;
    if (t.samples.size < 40) t.samples.add(e.problem.replace(/\d+/g, 'N').slice(0, 90));
  }
  const ms = performance.now() - started;
  t.tried++;
  t.slowestMs = Math.max(t.slowestMs, ms);
  if (ms > maxMs) throw new Error(`${fileName}: took ${ms.toFixed(0)} ms (limit ${maxMs})`);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== before[i]) throw new Error(`${fileName}: the importer changed its input at byte ${i}`);
  if (result) {
    checkResult(result);
    t.results++;
  }
  return result;
}
