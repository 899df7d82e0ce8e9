// Records a walked boundary off the page's main thread (src/core/field/track.ts does the work): fixes in, a short
// summary out after each one (kept / rejected counts, the last rejected accuracy), the track's line on request, and
// the closed polygon with its area and error estimate (boundary-area.ts) when the walker closes it.
import { estimateBoundary } from '../../core/field/boundary-area.ts';
import { addFix, closeBoundary, keptFixes, newRecorder, pause, resume, type Fix, type FixVerdict, type RecorderState } from '../../core/field/track.ts';
import type { TrackReply, TrackRequest } from './track-messages.ts';

let recorder: RecorderState | null = null;

function post(reply: TrackReply) {
  (self as unknown as Worker).postMessage(reply);
}

function summary(verdict: FixVerdict | null) {
  const r = recorder!;
  let kept = 0;
  for (const s of r.segments) kept += s.length;
  post({ type: 'summary', verdict, state: r.state, kept, rejectedPoor: r.rejectedPoor, lastRejectedAccuracy: r.lastRejected?.accuracy ?? null });
}

self.onmessage = (event: MessageEvent<TrackRequest>) => {
  const m = event.data;
  if (m.type === 'start') {
    recorder = newRecorder({ thresholdM: m.thresholdM, minSpacingM: m.minSpacingM });
    summary(null);
    return;
  }
  if (!recorder) return;
  if (m.type === 'fix') summary(addFix(recorder, m.fix));
  else if (m.type === 'pause') {
    pause(recorder);
    summary(null);
  } else if (m.type === 'resume') {
    resume(recorder);
    summary(null);
  } else if (m.type === 'line') {
    post({ type: 'line', coordinates: keptFixes(recorder).map((f: Fix) => [f.lon, f.lat]) });
  } else if (m.type === 'close') {
    const closed = closeBoundary(keptFixes(recorder));
    if (!closed.polygon) {
      post({ type: 'closed', ok: false, problem: closed.problem?.kind ?? 'too-few', have: closed.fixes.length });
      return;
    }
    const e = estimateBoundary(closed.polygon, closed.fixes);
    post({
      type: 'closed', ok: true, polygon: closed.polygon, accuracy_m: closed.fixes.map((f) => f.accuracy), threshold_m: recorder.options.thresholdM,
      rejected: recorder.rejectedPoor, area_m2: e.area_m2, error95_m2: e.error95_m2, perimeter_m: e.perimeter_m, trimmed: closed.trimmed,
    });
  }
};
