// How much of a carbon figure rests on factors that were not verified against their source. Each stand's stock and
// net sink carry the weakest status of the factors they use (stand.ts); summing them by status gives the shares.
import type { FactorStatus } from './factors.ts';

export type StatusTotals = Record<FactorStatus, number>;

export const emptyStatusTotals = (): StatusTotals => ({ verified: 0, secondary: 0, assumption: 0 });

export function addStatus(t: StatusTotals, status: FactorStatus, v: number): void {
  t[status] += Math.abs(v);
}

export function mergeStatus(into: StatusTotals, from: StatusTotals): void {
  into.verified += from.verified;
  into.secondary += from.secondary;
  into.assumption += from.assumption;
}

/** Share (0–1) of a figure resting on at least one factor not verified against its source (secondary or assumption). */
export function unverifiedShare(t: StatusTotals): number {
  const all = t.verified + t.secondary + t.assumption;
  return all > 0 ? (t.secondary + t.assumption) / all : 0;
}

/** Shares by weakest status, summing to 1 (all 0 for an empty figure). */
export function statusShares(t: StatusTotals): StatusTotals {
  const all = t.verified + t.secondary + t.assumption;
  return all > 0 ? { verified: t.verified / all, secondary: t.secondary / all, assumption: t.assumption / all } : emptyStatusTotals();
}

/** What every carbon figure is shown with: method, factor-table version and the unverified shares. */
export interface CarbonProvenance {
  method: string;
  factors_version: string;
  /** Shares (0–1) of the stock and of the net sink resting on unverified factors. */
  unverified_share: { carbon_stock: number; annual_sink: number };
  /** The same split by weakest status (verified / secondary / assumption). */
  status_shares: { carbon_stock: StatusTotals; annual_sink: StatusTotals };
}

export function provenanceOf(method: string, factorsVersion: string, stock: StatusTotals, sink: StatusTotals): CarbonProvenance {
  return {
    method,
    factors_version: factorsVersion,
    unverified_share: { carbon_stock: unverifiedShare(stock), annual_sink: unverifiedShare(sink) },
    status_shares: { carbon_stock: statusShares(stock), annual_sink: statusShares(sink) },
  };
}
