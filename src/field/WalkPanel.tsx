// Under the map: where the walker is (± accuracy), the way to the chosen target, and the boundary walk — record,
// pause/resume, reject poor fixes (the walker chooses the limit), close into a polygon, see its area in 亩/公顷 with
// the error estimate, save it as a planner site or attach it to a report.
import { useState } from 'react';
import { compassPoint, distanceBearing } from '../core/field/navigation.ts';
import { THRESHOLDS_M } from '../core/field/track.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { ft } from '../ui/i18n-field.ts';
import { ApiAnswerError, sendJson, type FieldSession } from './field-api.ts';
import type { Target } from './field-types.ts';
import { areaParams, coord, distanceText, num } from './format.ts';
import { timeText } from './photos.ts';
import type { useGps } from './use-gps.ts';
import type { useTrack } from './use-track.ts';

interface Props {
  lang: Lang;
  gps: ReturnType<typeof useGps>;
  track: ReturnType<typeof useTrack>;
  target: Target | null;
  follow: boolean;
  setFollow: (v: boolean) => void;
  session: FieldSession | null;
  onAttach: () => void;
}

export function WalkPanel({ lang, gps, track, target, follow, setFollow, session, onAttach }: Props) {
  const [threshold, setThreshold] = useState(15);
  const [message, setMessage] = useState<string | null>(null);
  const fix = gps.fix;
  const s = track.summary;
  const closed = track.closed;

  const saveSite = async () => {
    if (!closed?.ok || !session) return;
    const name = ft(lang, 'walk.siteName', { time: timeText(new Date()) });
    try {
      await sendJson(session, 'POST', 'sites', { name, type: '其他', geometry: closed.polygon, note: ft(lang, 'walk.area', areaParams(closed.area_m2, closed.error95_m2, lang)) });
      setMessage(ft(lang, 'walk.siteSaved', { name }));
    } catch (e) {
      setMessage(e instanceof ApiAnswerError ? e.text(lang) : (e as Error).message);
    }
  };

  let way: string | null = null;
  if (fix && target) {
    const d = distanceBearing([fix.lon, fix.lat], target.position);
    way = ft(lang, 'gps.target', { name: target.name, distance: distanceText(d.distance_m, lang), direction: ft(lang, `dir.${compassPoint(d.bearing_deg)}`), bearing: num(d.bearing_deg, 0, lang) });
  }

  return (
    <div className="panel walk-panel">
      {!gps.watching && <button type="button" className="big primary" onClick={gps.start}>{ft(lang, 'gps.start')}</button>}
      {gps.watching && !fix && !gps.error && <p>{ft(lang, 'gps.waiting')}</p>}
      {gps.error && <p className="problem" role="alert">{ft(lang, 'gps.denied', { reason: gps.error })}</p>}
      {fix && (
        <p className="position" data-testid="position">
          {ft(lang, 'gps.position', { lat: coord(fix.lat), lon: coord(fix.lon), accuracy: num(fix.accuracy, 0, lang) })}
        </p>
      )}
      {fix && (
        <label className="toggle">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> {ft(lang, 'gps.follow')}
        </label>
      )}
      <p className="way" data-testid="way">{way ?? ft(lang, 'gps.noTarget')}</p>

      {!track.recording && !closed?.ok && (
        <div className="row">
          <label>
            {ft(lang, 'walk.threshold')}{' '}
            <select value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} data-testid="threshold">
              {THRESHOLDS_M.map((t) => <option key={t} value={t}>{ft(lang, 'metres', { n: t })}</option>)}
            </select>
          </label>
          <button type="button" className="big" onClick={() => { gps.start(); void track.start(threshold); }}>{ft(lang, 'walk.start')}</button>
        </div>
      )}
      {track.recording && s && !closed?.ok && (
        <div className="walk">
          <p data-testid="walk-status">{s.state === 'paused' ? `${ft(lang, 'walk.paused')} · ` : ''}{ft(lang, 'walk.status', { kept: s.kept, rejected: s.rejectedPoor })}</p>
          {s.verdict === 'poor-accuracy' && s.lastRejectedAccuracy !== null && (
            <p className="problem" role="status" data-testid="walk-rejected">{ft(lang, 'walk.rejected', { accuracy: num(s.lastRejectedAccuracy, 0, lang), threshold: track.threshold })}</p>
          )}
          <div className="row">
            {s.state === 'recording'
              ? <button type="button" className="big" onClick={track.pause}>{ft(lang, 'walk.pause')}</button>
              : <button type="button" className="big" onClick={track.resume}>{ft(lang, 'walk.resume')}</button>}
            <button type="button" className="big primary" onClick={track.close}>{ft(lang, 'walk.close')}</button>
            <button type="button" className="big" onClick={track.stop}>{ft(lang, 'walk.discard')}</button>
          </div>
        </div>
      )}
      {closed && !closed.ok && <p className="problem" role="alert">{closed.problem === 'crossing' ? ft(lang, 'walk.crossing') : ft(lang, 'walk.tooFew', { have: closed.have })}</p>}
      {closed?.ok && (
        <div className="walk-result">
          <p className="area" data-testid="walk-area">{ft(lang, 'walk.area', areaParams(closed.area_m2, closed.error95_m2, lang))}</p>
          <p>{ft(lang, 'walk.perimeter', { m: num(closed.perimeter_m, 0, lang), n: closed.accuracy_m.length })}</p>
          <div className="row">
            <button type="button" className="big" onClick={() => void saveSite()} disabled={!session}>{ft(lang, 'walk.saveSite')}</button>
            <button type="button" className="big primary" onClick={() => { track.stop(); onAttach(); }}>{ft(lang, 'walk.attach')}</button>
            <button type="button" className="big" onClick={() => { track.stop(); track.clearClosed(); }}>{ft(lang, 'walk.discard')}</button>
          </div>
        </div>
      )}
      {message && <p className="message" role="status">{message}</p>}
    </div>
  );
}
