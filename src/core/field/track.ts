// Walking a boundary: GPS fixes in, a polygon out. A fix is kept when its accuracy is within the threshold the walker
// chose and it is at least `minSpacingM` from the last kept fix (standing still adds nothing); a pause ends a segment,
// and the segments are joined in order when the track is closed. Pure and synchronous: the field page runs it in a
// worker (the field page's track worker), so recording never holds the page's main thread.
import type { Polygon, Position } from 'geojson';
import { findCrossing } from '../geo/validate.ts';
import { localFrame } from './local-frame.ts';

export interface Fix {
  lon: number;
  lat: number;
  /** Horizontal accuracy in metres as the Geolocation API reports it (the radius of ~68 % confidence). */
  accuracy: number;
  /** ms since 1970. */
  time: number;
}

export type FixVerdict = 'accepted' | 'poor-accuracy' | 'too-close' | 'invalid' | 'paused';

export interface RecorderOptions {
  /** Fixes with a worse (larger) accuracy are rejected, in metres. */
  thresholdM: number;
  /** A fix closer than this to the last kept fix is skipped (not an error), in metres. */
  minSpacingM: number;
}

export const DEFAULT_RECORDER: RecorderOptions = { thresholdM: 15, minSpacingM: 2 };
/** The thresholds the walker can choose from. */
export const THRESHOLDS_M = [5, 10, 15, 25, 50] as const;

export interface RecorderState {
  options: RecorderOptions;
  state: 'recording' | 'paused';
  segments: Fix[][];
  rejectedPoor: number;
  skippedClose: number;
  /** The last fix rejected for its accuracy (shown to the walker: "± 32 m, waiting for a better fix"). */
  lastRejected: Fix | null;
}

export function newRecorder(options: RecorderOptions = DEFAULT_RECORDER): RecorderState {
  return { options, state: 'recording', segments: [[]], rejectedPoor: 0, skippedClose: 0, lastRejected: null };
}

function lastKept(r: RecorderState): Fix | undefined {
  for (let s = r.segments.length - 1; s >= 0; s--) {
    const seg = r.segments[s];
    if (seg.length) return seg[seg.length - 1];
  }
  return undefined;
}

/** Takes one fix; says whether it was kept and why not. Mutates the recorder (it lives in one worker). */
export function addFix(r: RecorderState, fix: Fix): FixVerdict {
  if (r.state === 'paused') return 'paused';
  if (![fix.lon, fix.lat, fix.accuracy].every(Number.isFinite) || Math.abs(fix.lat) > 90 || Math.abs(fix.lon) > 180 || fix.accuracy < 0) return 'invalid';
  if (fix.accuracy > r.options.thresholdM) {
    r.rejectedPoor++;
    r.lastRejected = fix;
    return 'poor-accuracy';
  }
  const prev = lastKept(r);
  if (prev) {
    const frame = localFrame(prev.lat);
    const [dx, dy] = frame.toXY(fix.lon - prev.lon, fix.lat - prev.lat);
    if (Math.hypot(dx, dy) < r.options.minSpacingM) {
      r.skippedClose++;
      return 'too-close';
    }
  }
  r.segments[r.segments.length - 1].push(fix);
  return 'accepted';
}

export function pause(r: RecorderState): void {
  r.state = 'paused';
}

export function resume(r: RecorderState): void {
  if (r.state !== 'paused') return;
  r.state = 'recording';
  if (r.segments[r.segments.length - 1].length) r.segments.push([]);
}

/** Every kept fix, segments joined in order. */
export function keptFixes(r: RecorderState): Fix[] {
  return r.segments.flat();
}

export interface ClosedBoundary {
  polygon: Polygon | null;
  /** The fixes the polygon's ring is made of (after cutting out loops), in ring order. */
  fixes: Fix[];
  /** Fixes dropped in small loops (GPS jitter, or walking past the starting point). */
  trimmed: number;
  /** Why no polygon could be made: too few fixes, or the track crosses itself in a large loop (where). */
  problem: null | { kind: 'too-few'; have: number } | { kind: 'crossing'; at: Position; segment: number; otherSegment: number };
}

/** A loop holding at most this share of the ring's fixes is jitter or an overshoot and is cut out. */
const SMALL_LOOP_SHARE = 0.25;
const MAX_LOOPS = 2_000;

/**
 * Closes a track into a polygon. A walked track crosses itself in small loops — GPS jitter where the walker slowed
 * down, and at the end where they walked past the starting point. Each crossing splits the ring in two; the side with
 * at most a quarter of the fixes is cut out and the crossing point joins the rest. A crossing that would cut more (the
 * walker really crossed their own path) is reported, never "fixed" by guessing.
 */
export function closeBoundary(all: Fix[]): ClosedBoundary {
  if (all.length < 3) return { polygon: null, fixes: all, trimmed: 0, problem: { kind: 'too-few', have: all.length } };
  let fixes = all.slice();
  let trimmed = 0;
  for (let round = 0; round < MAX_LOOPS; round++) {
    if (fixes.length < 3) return { polygon: null, fixes, trimmed, problem: { kind: 'too-few', have: fixes.length } };
    const ring: Position[] = fixes.map((f) => [f.lon, f.lat]);
    ring.push([ring[0][0], ring[0][1]]);
    const c = findCrossing([ring]);
    if (!c) {
      // RFC 7946: the outer ring counter-clockwise.
      if (ringSignedArea(ring) < 0) {
        ring.reverse();
        fixes = fixes.reverse();
      }
      return { polygon: { type: 'Polygon', coordinates: [ring] }, fixes, trimmed, problem: null };
    }
    const n = fixes.length;
    const [s, t] = c.segment < c.otherSegment ? [c.segment, c.otherSegment] : [c.otherSegment, c.segment];
    const inner = t - s; // fixes s+1 … t
    const at = (i: number) => fixes[i % n];
    const cut: Fix = { lon: c.at[0], lat: c.at[1], accuracy: Math.max(at(s).accuracy, at(t + 1).accuracy), time: at(s).time };
    if (inner <= SMALL_LOOP_SHARE * n) {
      fixes = [...fixes.slice(0, s + 1), cut, ...fixes.slice(t + 1)];
      trimmed += inner;
    } else if (n - inner <= SMALL_LOOP_SHARE * n) {
      fixes = [cut, ...fixes.slice(s + 1, t + 1)];
      trimmed += n - inner;
    } else {
      return { polygon: null, fixes, trimmed, problem: { kind: 'crossing', at: c.at, segment: c.segment, otherSegment: c.otherSegment } };
    }
  }
  return { polygon: null, fixes, trimmed, problem: { kind: 'too-few', have: 0 } };
}

function ringSignedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
