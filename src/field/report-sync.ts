// Sends the reports saved on the phone, oldest first, whenever there is a network: a new report as POST /api/reports,
// an edit of a sent one as PUT /api/reports/:id on the version it was made on; both as multipart (the report JSON in
// the part `report`, then one part per photo named by its id) with the report's Idempotency-Key, so a send repeated
// after a lost answer gets the first answer back and makes nothing new. A 409 on an edit keeps the server's copy
// beside the walker's (shown as a conflict); a refusal (4xx) keeps the report and says why.
import { ApiAnswerError, API, session, type FieldSession } from './field-api.ts';
import type { FieldReport } from './field-types.ts';
import { allReports, getReport, putReport } from './store.ts';

export function reportBody(r: FieldReport) {
  return {
    id: r.id,
    template: r.template,
    target: { kind: r.target.kind, ...(r.target.layer ? { layer: r.target.layer } : {}), ...(r.target.id ? { id: r.target.id } : {}) },
    task_id: r.task_id,
    values: r.values,
    boundary: r.boundary ? { geometry: r.boundary.geometry, accuracy_m: r.boundary.accuracy_m, threshold_m: r.boundary.threshold_m, rejected: r.boundary.rejected } : null,
    position: r.position,
    photos: r.photos.map((p) => ({ id: p.id, name: p.name, taken_at: p.taken_at, lon: p.lon, lat: p.lat })),
    made_at: r.made,
    ...(r.base !== null ? { version: r.base } : {}),
  };
}

async function sendOne(s: FieldSession, r: FieldReport): Promise<FieldReport> {
  const form = new FormData();
  form.append('report', JSON.stringify(reportBody(r)));
  for (const p of r.photos) form.append(p.id, p.blob, p.name);
  const edit = r.base !== null;
  const answer = await fetch(`${API}reports${edit ? `/${encodeURIComponent(r.id)}` : ''}`, {
    method: edit ? 'PUT' : 'POST',
    credentials: 'same-origin',
    headers: { 'x-csrf-token': s.csrf, 'idempotency-key': r.key },
    body: form,
  });
  const body = await answer.json().catch(() => ({ error: `HTTP ${answer.status}` }));
  const sends = r.sends + 1;
  if (answer.ok) {
    const out = body as { version: number };
    return { ...r, state: 'sent', version: out.version, sends, message: null, conflict: null };
  }
  const err = new ApiAnswerError(answer.status, body);
  if (answer.status === 409 && body.current) {
    const cur = body.current as { version: number; values: Record<string, unknown>; updated_by: string | null };
    return { ...r, state: 'conflict', sends, message: err.body.key ?? err.message, conflict: { version: cur.version, values: cur.values, updated_by: cur.updated_by } };
  }
  if (answer.status >= 500 || answer.status === 401 || (answer.status === 403 && (err.body.key === undefined || err.body.key.startsWith('auth.')))) throw err;
  return { ...r, state: 'refused', sends, message: JSON.stringify(err.body) };
}

let running: Promise<number> | null = null;

async function sendAll(onChange: () => void): Promise<number> {
  if (!navigator.onLine) return 0;
  const queued = (await allReports()).filter((r) => r.state === 'queued').reverse();
  if (!queued.length) return 0;
  // The last session this phone saw when the server cannot be asked right now: its CSRF token stays valid for the
  // session (a 401/403 leaves the report queued).
  const s = await session(true);
  if (!s) return 0;
  let sent = 0;
  for (const r of queued) {
    try {
      const next = await sendOne(s, r);
      await putReport(next);
      if (next.state === 'sent') sent++;
    } catch {
      // No network, or the server is down: the report stays queued for the next try.
    }
    onChange();
  }
  return sent;
}

let again = false;

/**
 * Sends every queued report; resolves with how many the run sent. One run at a time: a call during a run gets that run
 * and one more run after it (the report just saved may have been read too late for the current one). The run is
 * remembered before it can finish: an offline run ends at once, and resetting inside it, before the assignment, once
 * left that finished run in place for good, so nothing was sent after the page had started offline.
 */
export function sendQueued(onChange: () => void): Promise<number> {
  if (running) {
    again = true;
    return running;
  }
  const run = sendAll(onChange);
  running = run;
  const done = () => {
    if (running !== run) return;
    running = null;
    if (again) {
      again = false;
      void sendQueued(onChange);
    }
  };
  run.then(done, done);
  return run;
}

/** Sends a sent report again with the same key (the server answers its first result: no second report). */
export async function resend(id: string): Promise<FieldReport | null> {
  const r = await getReport(id);
  const s = await session();
  if (!r || !s || r.state !== 'sent') return null;
  // The same request as the first send: same key, same body (a new report's POST, or the edit's PUT on its base).
  const next = await sendOne(s, r);
  const kept: FieldReport = { ...r, sends: next.sends, state: next.state === 'sent' ? r.state : next.state, message: next.message, conflict: next.conflict };
  await putReport(kept);
  return kept;
}
