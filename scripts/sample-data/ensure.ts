// Regenerate the sample data only when it is missing or was made by another generator version. The generator (and its
// heavy geometry imports) is loaded only when needed, so the "already present" path stays fast.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_FILES, GENERATOR_VERSION, SUMMARY_FILE } from './config.ts';
import type { Summary } from './generate.ts';

/** Why the data in `dir` must be regenerated, or null when it is present and current. */
export function staleReason(dir: string): string | null {
  const missing = CONTRACT_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const summaryPath = join(dir, SUMMARY_FILE);
  if (!existsSync(summaryPath)) return `missing ${SUMMARY_FILE}`;
  try {
    const version = (JSON.parse(readFileSync(summaryPath, 'utf8')) as Partial<Summary>).generator_version;
    return version === GENERATOR_VERSION ? null : `made by generator ${version ?? '(unknown)'}, current is ${GENERATOR_VERSION}`;
  } catch (err) {
    return `${summaryPath} is not valid JSON (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Returns the summary when it (re)generated, null when the data was already current. */
export async function ensureSampleData(root: string, dir = join(root, 'data'), log: (l: string) => void = () => {}): Promise<Summary | null> {
  const reason = staleReason(dir);
  if (!reason) return null;
  log(`sample data: ${reason} — generating`);
  const { generateSampleData } = await import('./generate.ts');
  return generateSampleData({ outDir: dir, root, log });
}

/**
 * data/release.json for the sample, so the bureau page learns it shows sample data without a 404 (a bureau's release,
 * written by `npm run data:import`, says sample_data: false and lists its sources).
 */
export function ensureSampleRelease(dir: string): void {
  const file = join(dir, 'release.json');
  if (existsSync(file)) return;
  writeFileSync(file, `${JSON.stringify({ sample_data: true, made_by: 'npm run data (synthetic sample data; see data/README.md)', generator_version: GENERATOR_VERSION }, null, 2)}\n`);
}
