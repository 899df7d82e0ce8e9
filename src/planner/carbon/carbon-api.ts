// The 碳汇项目 panel's calls to /api/carbon-projects (src/server/carbon-projects.ts), with the session's CSRF token.
// A refusal rejects with a ServerError (shown in the UI language from the message catalogue).
import type { ProjectFile } from '../../core/projects/format.ts';
import { ServerError } from '../../ui/server-message.ts';

export interface SavedProject {
  id: string; version: number; name: string; owner: string; deleted: boolean; created: number; updated: number; updated_by: string;
  can_edit: boolean; project: ProjectFile;
}
export interface SavedVersion { version: number; author: string; time: number; change: string; name: string; deleted: boolean; project: ProjectFile }

async function call<T>(method: string, url: string, csrf: string, body?: unknown): Promise<T> {
  const r = await fetch(url, {
    method, credentials: 'same-origin',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = await r.json().catch(() => null);
  if (!r.ok) throw new ServerError(r.status, json);
  return json as T;
}

export const listProjects = (csrf: string) => call<{ projects: SavedProject[] }>('GET', '/api/carbon-projects', csrf).then((r) => r.projects);
export const createProject = (csrf: string, project: ProjectFile) => call<SavedProject>('POST', '/api/carbon-projects', csrf, { project });
export const saveProject = (csrf: string, id: string, version: number, project: ProjectFile) =>
  call<SavedProject>('PUT', `/api/carbon-projects/${encodeURIComponent(id)}`, csrf, { version, project });
export const deleteProject = (csrf: string, id: string, version: number) =>
  call<SavedProject>('DELETE', `/api/carbon-projects/${encodeURIComponent(id)}?version=${version}`, csrf);
export const projectHistory = (csrf: string, id: string) =>
  call<{ versions: SavedVersion[] }>('GET', `/api/carbon-projects/${encodeURIComponent(id)}/history`, csrf).then((r) => r.versions);
export const restoreProject = (csrf: string, id: string, version: number, base: number) =>
  call<SavedProject>('POST', `/api/carbon-projects/${encodeURIComponent(id)}/restore`, csrf, { version, base });

/** The server's copy carried by a 409 answer, if any. */
export const conflictCopy = (e: unknown): SavedProject | null =>
  e instanceof ServerError && e.status === 409 ? ((e.body as { current?: SavedProject } | null)?.current ?? null) : null;
