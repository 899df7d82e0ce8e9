// Property-based fuzzing of every importer in the registry (one run per extension): generated and damaged files of
// each format must end in a usable result or a clear ImportError, quickly, without touching their input.
// `npx vitest run test/fuzz` runs FUZZ_RUNS (default 10,000) inputs per importer; `npm run fuzz` runs 200,000.
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { importFile, supportedExtensions } from '../../src/core/io/registry.ts';
import { csvBytes, geojsonBytes, gpxBytes, kmlBytes, kmzBytes, shapefileZipBytes } from './gen.ts';
import { outcome, printTallies, RUNS, tally } from './harness.ts';

const GENERATORS: Record<string, fc.Arbitrary<Uint8Array>> = {
  '.geojson': geojsonBytes,
  '.json': geojsonBytes,
  '.zip': shapefileZipBytes,
  '.kml': kmlBytes,
  '.kmz': kmzBytes,
  '.gpx': gpxBytes,
  '.csv': csvBytes([',', ';', '，', '\t']),
  '.tsv': csvBytes(['\t', ',']),
};

afterAll(() => printTallies(`fuzz: importers, ${RUNS} runs each (FUZZ_RUNS)`));

describe('fuzz: every registered importer', () => {
  it('has a generator for every registry entry', () => {
    const missing = supportedExtensions().filter((e) => !GENERATORS[e]);
    if (missing.length) throw new Error(`no fuzz generator for ${missing.join(' ')}`);
  });

  for (const ext of Object.keys(GENERATORS)) {
    it(`${ext}: ${RUNS} inputs end in a result or a clear ImportError`, () => {
      const t = tally(`importFile ${ext}`);
      const fileName = `fuzz${ext}`;
      fc.assert(fc.property(GENERATORS[ext], (bytes) => {
        outcome(t, fileName, bytes, () => importFile(fileName, bytes));
      }), { numRuns: RUNS });
      if (t.tried < RUNS) throw new Error(`only ${t.tried} inputs tried`);
    }, 600_000);
  }
});
