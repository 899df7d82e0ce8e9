// The boundary walk as the page sees it: a worker that records (src/field/track/track-worker.ts), its latest summary,
// the track's line for the map (asked for at most twice a second) and the closed polygon.
import type { Position } from 'geojson';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Fix } from '../core/field/track.ts';
import type { TrackReply, TrackRequest } from './track/track-messages.ts';
import trackWorkerUrl from './track/track-worker.ts?worker&url';

let script: Promise<string> | null = null;
/**
 * The track worker's script as a blob: URL, read with fetch (which the service worker answers offline): offline,
 * Chromium left a worker's own script request hanging instead of passing it to the service worker (as for MapLibre's
 * worker, src/map/map-worker.ts). Asked for when the page starts, so it is ready before the walk.
 */
export function trackWorkerScript(): Promise<string> {
  script ??= fetch(trackWorkerUrl)
    .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
    .then((b) => URL.createObjectURL(new Blob([b], { type: 'text/javascript' })))
    .catch(() => trackWorkerUrl);
  return script;
}

export type Summary = Extract<TrackReply, { type: 'summary' }>;
export type Closed = Extract<TrackReply, { type: 'closed' }>;

export function useTrack() {
  const worker = useRef<Worker | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [line, setLine] = useState<Position[]>([]);
  const [closed, setClosed] = useState<Closed | null>(null);
  const [threshold, setThreshold] = useState(15);
  const lineAsked = useRef(0);

  useEffect(() => () => worker.current?.terminate(), []);

  const send = (m: TrackRequest) => worker.current?.postMessage(m);

  useEffect(() => void trackWorkerScript(), []);

  const start = useCallback(async (thresholdM: number) => {
    worker.current?.terminate();
    const w = new Worker(await trackWorkerScript(), { type: 'module' });
    let pendingSummary: Summary | null = null;
    let frame = 0;
    w.onmessage = (e: MessageEvent<TrackReply>) => {
      const m = e.data;
      if (m.type === 'summary') {
        // One React update per animation frame at most, however fast the fixes come.
        pendingSummary = m;
        if (!frame) frame = requestAnimationFrame(() => { frame = 0; setSummary(pendingSummary); });
      } else if (m.type === 'line') setLine(m.coordinates);
      else setClosed(m);
    };
    worker.current = w;
    setThreshold(thresholdM);
    setClosed(null);
    setLine([]);
    w.postMessage({ type: 'start', thresholdM, minSpacingM: 2 } satisfies TrackRequest);
  }, []);

  const addFix = useCallback((fix: Fix) => {
    if (!worker.current) return;
    send({ type: 'fix', fix });
    const now = performance.now();
    if (now - lineAsked.current > 500) {
      lineAsked.current = now;
      send({ type: 'line' });
    }
  }, []);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    setSummary(null);
    setLine([]);
  }, []);

  return {
    recording: summary !== null,
    summary, line, closed, threshold, start, addFix, stop,
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    close: () => { send({ type: 'line' }); send({ type: 'close' }); },
    clearClosed: () => setClosed(null),
  };
}
