// One error type for every import failure, so callers (CLI, worker, UI) can show a single clear line.

/** Longest problem text kept: a message echoing a whole binary file back (found by fuzzing) is not a clear message. */
const MAX_PROBLEM_CHARS = 600;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Text from the file shown in a message, cut with "…" if long: a 10,000-char cell or a 20 MB name would bury the reason. */
export function short(value: unknown, max = 60): string {
  return clip(String(value ?? ''), max);
}

export function quoted(value: unknown, max = 60): string {
  return `"${short(value, max)}"`;
}

/** An import failure. `message` always starts with the file name, then says what is wrong. */
export class ImportError extends Error {
  readonly fileName: string;
  readonly problem: string;

  constructor(fileName: string, problem: string) {
    problem = clip(problem, MAX_PROBLEM_CHARS);
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
  // Parsers quote the offending input; keep enough to locate it, not the whole file.
  if (value instanceof Error) return clip(value.message.split('\n')[0], 300);
  return clip(String(value), 300);
}
