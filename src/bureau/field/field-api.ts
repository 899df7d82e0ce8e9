// The 外业 panel's calls to the field API (docs/field.md). A refused call becomes a FieldApiError carrying the server's
// key and parameters, shown in the UI language from the one message catalogue; a 409 carries the server's copy.
import { apiMessageText, isApiMessageKey, type MessageParams } from '../../core/messages/api-messages.ts';
import type { Polygon } from 'geojson';
import type { PatchStatus } from '../../core/field/templates.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import type { BureauSession } from '../session.ts';

export interface ReportPhoto { id: string; name: string; type: string; size: number; width: number | null; height: number | null; taken_at: string | null; lon: number | null; lat: number | null; url: string }

export interface FieldReport {
  id: string;
  template: string;
  target: { kind: string; layer: string | null; id: string | null; name: string };
  task_id: string | null;
  author: string;
  values: Record<string, string | number | null>;
  boundary: { geometry: Polygon; area_m2?: number; error95_m2?: number } | null;
  position: { lon: number; lat: number; accuracy: number | null } | null;
  township_code: string | null;
  status: 'submitted' | 'accepted' | 'returned';
  version: number;
  review: { by: string; at: string | null; comment: string | null } | null;
  applied: { patch_status?: PatchStatus; project_audit?: number } | null;
  photos: ReportPhoto[];
  made_at: string | null;
  created: string;
  updated: string;
  updated_by: string;
}

export interface FieldTask {
  id: string;
  target: { kind: 'patch' | 'project'; layer: string | null; id: string; name: string };
  township_code: string | null;
  centre: [number, number] | null;
  assignee: string;
  due: string | null;
  note: string;
  status: 'open' | 'done' | 'cancelled';
  report_id: string | null;
  created_by: string;
  created: string;
}

export interface PatchState { id: string; status: PatchStatus; updated_at: string | null; updated_by: string | null; report_id: string | null; comment: string; township_code: string | null }

export class FieldApiError extends Error {
  constructor(readonly status: number, readonly body: { error?: string; key?: string; params?: MessageParams; current?: FieldReport }) {
    super(body.error ?? `HTTP ${status}`);
  }

  /** The server's message in the UI language (its English text when the key is not in the catalogue). */
  text(lang: Lang): string {
    return isApiMessageKey(this.body.key) ? apiMessageText(this.body.key, this.body.params ?? {}, lang) : this.message;
  }
}

async function call<T>(session: BureauSession | null, method: string, url: string, body?: unknown): Promise<T> {
  const r = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { ...(session ? { 'x-csrf-token': session.csrf } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) throw new FieldApiError(r.status, parsed);
  return parsed as T;
}

export interface ReportFilter { status?: string; person?: string; township?: string; date?: string }

export function query(filter: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const listReports = (f: ReportFilter) => call<{ reports: FieldReport[] }>(null, 'GET', `api/reports${query(f)}`).then((r) => r.reports);
export const listTasks = (f: { status?: string; assignee?: string; township?: string }) => call<{ tasks: FieldTask[] }>(null, 'GET', `api/tasks${query({ status: 'all', ...f })}`).then((r) => r.tasks);
export const listPatches = () => call<{ patches: PatchState[] }>(null, 'GET', 'api/patches').then((r) => r.patches);
export const listUsers = () => call<{ users: { username: string; role: string }[] }>(null, 'GET', 'api/users').then((r) => r.users);

export const reviewReport = (s: BureauSession, id: string, decision: 'accept' | 'return', version: number, comment: string) =>
  call<FieldReport>(s, 'POST', `api/reports/${encodeURIComponent(id)}/review`, { decision, version, comment });

export const createTask = (s: BureauSession, body: { target: { kind: 'patch' | 'project'; layer?: string; id: string }; assignee: string; due?: string | null; note?: string }) =>
  call<FieldTask>(s, 'POST', 'api/tasks', body);

export const cancelTask = (s: BureauSession, id: string) => call<FieldTask>(s, 'PATCH', `api/tasks/${encodeURIComponent(id)}`, { status: 'cancelled' });
