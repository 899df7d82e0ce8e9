// Password hashing: argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane; ~40 ms here), PHC strings in the database.
import { hash, verify } from '@node-rs/argon2';
import { apiMessageText, type ApiMessageKey, type MessageParams } from '../core/messages/api-messages.ts';

// 2 = Algorithm.Argon2id (a const enum, which isolatedModules cannot read from the package's types).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** Why a new password is not acceptable (a message key and its parameters), or null. */
export function passwordIssue(password: unknown): { key: ApiMessageKey; params: MessageParams } | null {
  if (typeof password !== 'string' || !password) return { key: 'users.passwordRequired', params: {} };
  if (password.length < MIN_PASSWORD_LENGTH) return { key: 'users.passwordTooShort', params: { min: MIN_PASSWORD_LENGTH } };
  if (password.length > MAX_PASSWORD_LENGTH) return { key: 'users.passwordTooLong', params: { max: MAX_PASSWORD_LENGTH } };
  return null;
}

/** The same in English text (the CLI), or null. */
export function passwordProblem(password: unknown): string | null {
  const issue = passwordIssue(password);
  return issue && apiMessageText(issue.key, issue.params);
}

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so a wrong name costs as long as a wrong password. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-0000');
  return dummy;
}
