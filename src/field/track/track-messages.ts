// The messages between the field page and its track worker (track-worker.ts).
import type { Polygon, Position } from 'geojson';
import type { Fix, FixVerdict } from '../../core/field/track.ts';

export type TrackRequest =
  | { type: 'start'; thresholdM: number; minSpacingM: number }
  | { type: 'fix'; fix: Fix }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'line' }
  | { type: 'close' };

export type TrackReply =
  | { type: 'summary'; verdict: FixVerdict | null; state: 'recording' | 'paused'; kept: number; rejectedPoor: number; lastRejectedAccuracy: number | null }
  | { type: 'line'; coordinates: Position[] }
  | { type: 'closed'; ok: false; problem: 'too-few' | 'crossing'; have: number }
  | {
      type: 'closed'; ok: true; polygon: Polygon; accuracy_m: number[]; threshold_m: number; rejected: number;
      area_m2: number; error95_m2: number; perimeter_m: number; trimmed: number;
    };
