// The phone's position (Geolocation API, high accuracy), kept in React state; every fix also goes to the listeners
// (the boundary walk) as it arrives, so none is lost between renders.
import { useEffect, useRef, useState } from 'react';
import type { Fix } from '../core/field/track.ts';

export interface GpsState {
  fix: Fix | null;
  error: string | null;
}

export function useGps(onFix: (fix: Fix) => void): GpsState & { start: () => void; watching: boolean } {
  const [state, setState] = useState<GpsState>({ fix: null, error: null });
  const [watching, setWatching] = useState(false);
  const listener = useRef(onFix);
  listener.current = onFix;
  useEffect(() => {
    if (!watching || !('geolocation' in navigator)) return;
    let last = 0;
    const id = navigator.geolocation.watchPosition(
      (p) => {
        const fix: Fix = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, time: p.timestamp };
        listener.current(fix);
        // The screen needs a few updates a second, not one per fix (a replayed walk sends dozens a second).
        const now = performance.now();
        if (now - last > 250) {
          last = now;
          setState({ fix, error: null });
        } else {
          setTimeout(() => setState((s) => (s.fix === fix || now < last ? s : { fix, error: null })), 260);
        }
      },
      (e) => setState((s) => ({ ...s, error: e.message || String(e.code) })),
      { enableHighAccuracy: true, maximumAge: 0, timeout: 60_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [watching]);
  return { ...state, start: () => setWatching(true), watching };
}
