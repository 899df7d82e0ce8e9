import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/fuzz: property-based fuzzing of the importers and CLIs (FUZZ_RUNS inputs each, 10,000 by default).
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    // CI machines have 2 cores and tests that read the 21 MB sample data; generous limits keep slow runs from
    // failing without hiding hangs (a hang still fails, after minutes rather than seconds).
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
