// Checks every importer runs first, so empty and oversized files fail the same way everywhere.
import { ImportError } from './errors.ts';
import type { ImportLimits } from './types.ts';

const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${n.toLocaleString('en-US')} bytes`);

export function checkInputSize(fileName: string, bytes: Uint8Array, limits: ImportLimits): void {
  if (bytes.length === 0) throw new ImportError(fileName, 'the file is empty');
  if (bytes.length > limits.maxBytes) {
    throw new ImportError(fileName, `the file is ${mb(bytes.length)}, over the size limit of ${mb(limits.maxBytes)}`);
  }
}
