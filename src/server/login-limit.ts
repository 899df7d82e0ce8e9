// Failed sign-ins, counted in the database per ACCOUNT and per client ADDRESS separately, over a sliding window, so
// that every server process on one PostgreSQL counts them together and a restart clears nothing.
//
// - An account (the lower-cased name typed, whether or not it exists) is locked after `accountFailures` failures in
//   the window (10 in 15 min): one person's typos lock their own account only.
// - An address is locked after `addressFailures` (100 in 15 min) failures across all names: it stops one machine
//   from trying many accounts, and is high enough that the people behind one NAT do not lock each other out.
// - While locked, attempts are refused (429 + Retry-After) without checking the password and are not counted, so
//   hammering a locked account adds nothing to the address's count. A success clears the account's failures.
// - An editor lifts a lock in the page (user administration), which deletes the failures of that account or address.
// The client address is what Fastify gives as req.ip: with TRUST_PROXY set (a reverse proxy), the X-Forwarded-For
// client; otherwise the connection's peer.
import type { Queryable } from './db.ts';

export interface LoginLimits {
  accountFailures: number;
  addressFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { accountFailures: 10, addressFailures: 100, windowMs: 15 * 60_000 };

export type LockScope = 'account' | 'address';

export interface Lock {
  scope: LockScope;
  /** The lower-cased account name, or the address. */
  key: string;
  failures: number;
  /** Milliseconds since 1970 when the next attempt is allowed; null while below the limit. */
  until: number | null;
}

/**
 * The limits from the environment (LOGIN_ACCOUNT_FAILURES, LOGIN_ADDRESS_FAILURES, LOGIN_WINDOW_MINUTES), each
 * falling back to its default; a value that is not a positive whole number is an error naming the variable.
 */
export function loginLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): LoginLimits {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, not "${raw}"`);
    return n;
  };
  return {
    accountFailures: read('LOGIN_ACCOUNT_FAILURES', DEFAULT_LOGIN_LIMITS.accountFailures),
    addressFailures: read('LOGIN_ADDRESS_FAILURES', DEFAULT_LOGIN_LIMITS.addressFailures),
    windowMs: read('LOGIN_WINDOW_MINUTES', DEFAULT_LOGIN_LIMITS.windowMs / 60_000) * 60_000,
  };
}

export class LoginLimiter {
  readonly limits: LoginLimits;

  constructor(private readonly db: Queryable, limits: Partial<LoginLimits> = {}) {
    this.limits = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  }

  private get windowSeconds(): number {
    return this.limits.windowMs / 1000;
  }

  /**
   * Failures within the window per (scope, key), and when each lock ends: when the limit-th most recent failure
   * leaves the window (with more failures than the limit, from concurrent attempts, the lock lasts until enough left).
   * `where` filters the rows; its parameters follow the three of the limits and the window.
   */
  private async counts(where: string, params: unknown[]): Promise<Lock[]> {
    const { rows } = await this.db.query<{ scope: LockScope; key: string; failures: number; until: number | null }>(
      `SELECT scope, key, count(*)::int AS failures,
              (extract(epoch FROM (array_agg(failed_at ORDER BY failed_at DESC))[CASE scope WHEN 'account' THEN $1::int ELSE $2::int END]
                 + make_interval(secs => $3)) * 1000)::float8 AS until
         FROM sign_in_failures
        WHERE failed_at > now() - make_interval(secs => $3) AND (${where})
        GROUP BY scope, key
        ORDER BY scope, key`,
      [this.limits.accountFailures, this.limits.addressFailures, this.windowSeconds, ...params]);
    return rows.map((r) => ({ ...r, until: r.until === null ? null : Number(r.until) }));
  }

  /** The lock that refuses a sign-in as `account` from `address` now, the longer one when both are locked; or null. */
  async blocked(account: string, address: string): Promise<{ scope: LockScope; seconds: number } | null> {
    const { rows: [clock] } = await this.db.query<{ now: number }>('SELECT (extract(epoch FROM now()) * 1000)::float8 AS now');
    const locks = await this.counts("(scope = 'account' AND key = lower($4)) OR (scope = 'address' AND key = $5)", [account, address]);
    let worst: { scope: LockScope; seconds: number } | null = null;
    for (const l of locks) {
      if (l.until === null || l.until <= clock.now) continue;
      const seconds = Math.max(1, Math.ceil((l.until - clock.now) / 1000));
      if (!worst || seconds > worst.seconds) worst = { scope: l.scope, seconds };
    }
    return worst;
  }

  /** Records one failed sign-in for the account and for the address; sweeps failures older than the window. */
  async fail(account: string, address: string): Promise<void> {
    await this.db.query(
      `WITH swept AS (DELETE FROM sign_in_failures WHERE failed_at < now() - make_interval(secs => $3))
       INSERT INTO sign_in_failures (scope, key) VALUES ('account', lower($1)), ('address', $2)`,
      [account, address, this.windowSeconds]);
  }

  /** A successful sign-in: the account's failures are forgotten (the address's stay). */
  async succeed(account: string): Promise<void> {
    await this.db.query("DELETE FROM sign_in_failures WHERE scope = 'account' AND key = lower($1)", [account]);
  }

  /** Every account and address with failures in the window (locked or not), for the editors' page. */
  async all(): Promise<Lock[]> {
    return this.counts('true', []);
  }

  /** Lifts the lock of an account (its name, any case) or an address. Returns how many failures were forgotten. */
  async lift(scope: LockScope, key: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM sign_in_failures WHERE scope = $1 AND key = CASE WHEN $1 = 'account' THEN lower($2) ELSE $2 END RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [scope, key]);
    return rows[0].n;
  }
}
