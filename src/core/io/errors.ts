// One error type for every import failure, so callers (CLI, worker, UI) can show a single clear line.

/** An import failure. `message` always starts with the file name, then says what is wrong. */
export class ImportError extends Error {
  readonly fileName: string;
  readonly problem: string;

  constructor(fileName: string, problem: string) {
    super(`${fileName}: ${problem}`);
    this.name = 'ImportError';
    this.fileName = fileName;
    this.problem = problem;
  }
}

export function isImportError(value: unknown): value is ImportError {
  return value instanceof ImportError;
}

/** Short text of any thrown value, for wrapping library errors without their stack. */
export function describeError(value: unknown): string {
  if (value instanceof Error) return value.message.split('\n')[0];
  return String(value);
}
