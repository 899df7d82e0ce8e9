// The planner's link to the shared workspace on the server: while signed in, the workspace (IndexedDB, as before)
// is synchronised after every change, every 20 s and when the network comes back (storage/server-sync.ts). A site
// changed both here and on the server is not overwritten: both versions are shown and the planner chooses.
// One status line says where the work is: synced, or which sites are not and why (refused by the server with its
// reason — not sent again until changed —, read-only, a viewer's), or that the server is unreachable and whether this
// browser keeps the changes (IndexedDB) or only this page's memory does. Every message is in the UI language.
// Without a server (static hosting) there is no session and nothing of this is drawn: the workspace works locally.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fromSquareMetres } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { localeOf } from '../ui/i18n.ts';
import { fillText } from '../ui/fill-text.ts';
import { serverMessage } from '../ui/server-message.ts';
import { siteAreaM2 } from './site.ts';
import { SiteSharing } from './SiteSharing.tsx';
import { browserRequester, loadMeta, loadRefused, resolveConflict, saveMeta, saveRefused, SyncUnavailable, syncOnce, type Conflict, type Requester, type SiteInfo, type SyncMeta, type SyncProblem } from './storage/server-sync.ts';
import { pt } from './text.ts';
import type { Workspace } from './use-workspace.ts';

const INTERVAL_MS = 20_000;
const DEBOUNCE_MS = 800;

type Status =
  | { kind: 'idle' | 'syncing' | 'synced' | 'offline'; at?: number }
  | { kind: 'error'; at?: number; status: number; body: unknown };

/** What the last pass found out per site, for the workspace list (sharing, owner, why a site is not synced). */
export interface SyncView {
  info: Record<string, SiteInfo>;
  problems: Record<string, SyncProblem>;
}

/** Runs `fn` while no other tab of this app runs a sync pass (Web Locks; without them, at once). */
function oneTabAtATime(fn: () => Promise<void>): Promise<void> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request('xingguo-planner-sync', fn).then(() => undefined) : fn();
}

export const timeText = (ms: number, lang: Lang) => new Date(ms).toLocaleString(localeOf(lang), { hour12: false });
const mu = (m2: number) => fromSquareMetres(m2, 'mu').toFixed(2);

/** Why a site did not reach the server, in `lang`. */
export function problemText(p: SyncProblem, lang: Lang): string {
  switch (p.kind) {
    case 'refused': return fillText(pt(lang, 'problemRefused'), { name: p.name, reason: serverMessage(p.status, p.body, lang) });
    case 'transient': return fillText(pt(lang, 'problemTransient'), { name: p.name, reason: serverMessage(p.status, p.body, lang) });
    case 'readOnly': return fillText(pt(lang, 'problemReadOnly'), { name: p.name });
    case 'viewerLocal': return fillText(pt(lang, 'problemViewerLocal'), { name: p.name });
  }
}

/** The reason alone (for the site's row in the workspace list). */
export function problemReason(p: SyncProblem, lang: Lang): string {
  return p.kind === 'refused' || p.kind === 'transient' ? serverMessage(p.status, p.body, lang) : problemText(p, lang);
}

export function ServerSync({ ws, lang, session, onView }: { ws: Workspace; lang: Lang; session: { user: string; role: string; csrf: string }; onView: (view: SyncView) => void }) {
  const who = session;
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [problems, setProblems] = useState<SyncProblem[]>([]);
  const [info, setInfo] = useState<Record<string, SiteInfo>>({});
  const request = useRef<Requester>(browserRequester(session.csrf));
  const meta = useRef<SyncMeta>(loadMeta(session.user));
  const running = useRef(false);
  const again = useRef(false);
  const wsRef = useRef(ws);
  wsRef.current = ws;
  const onViewRef = useRef(onView);
  onViewRef.current = onView;

  const sync = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    setStatus((s) => ({ kind: 'syncing', at: s.at }));
    try {
      do {
        again.current = false;
        await oneTabAtATime(async () => {
          const w = wsRef.current;
          // Other tabs of this browser share the workspace and the sync state: read it fresh under the lock, so a
          // site another tab deleted (and recorded) is deleted on the server, not pulled back as new.
          meta.current = loadMeta(who.user);
          // Sites in a conflict wait for the planner's choice; the others go on synchronising.
          const r = await syncOnce(request.current, w.ref.current, meta.current, who.role !== 'viewer', loadRefused(who.user));
          meta.current = r.meta;
          saveMeta(who.user, r.meta);
          saveRefused(who.user, r.refused);
          for (const site of r.pulls) w.applyRemote({ op: 'put', site });
          for (const id of r.removals) w.applyRemote({ op: 'remove', id });
          setConflicts(r.conflicts);
          setProblems(r.problems);
          setInfo(r.info);
          onViewRef.current({ info: r.info, problems: Object.fromEntries(r.problems.map((p) => [p.id, p])) });
        });
      } while (again.current);
      setStatus({ kind: 'synced', at: Date.now() });
    } catch (e) {
      // Unreachable (fetch failed), or the server answered the list with an error (its keyed reason is shown).
      setStatus((s) => (e instanceof SyncUnavailable ? { kind: 'error', at: s.at, status: e.status, body: e.body } : { kind: 'offline', at: s.at }));
    } finally {
      running.current = false;
    }
  }, [who]);

  // After every change of the workspace (debounced), on a timer, and when the browser is online again.
  useEffect(() => {
    if (!ws.loaded) return;
    const t = setTimeout(() => void sync(), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [ws.loaded, ws.sites, sync]);
  useEffect(() => {
    const t = setInterval(() => void sync(), INTERVAL_MS);
    const online = () => void sync();
    window.addEventListener('online', online);
    return () => {
      clearInterval(t);
      window.removeEventListener('online', online);
    };
  }, [sync]);

  const choose = async (c: Conflict, keep: 'local' | 'server') => {
    meta.current = loadMeta(who.user);
    const r = await resolveConflict(request.current, c, keep, meta.current)
      .catch(() => ({ meta: meta.current, pull: null, error: { status: 0, body: null }, conflict: c }));
    meta.current = r.meta;
    saveMeta(who.user, r.meta);
    if (r.pull) ws.applyRemote({ op: 'put', site: r.pull });
    else if (keep === 'server' && c.server.deleted) ws.applyRemote({ op: 'remove', id: c.local.id });
    setConflicts((cs) => [...cs.filter((x) => x.local.id !== c.local.id), ...(r.conflict ? [r.conflict] : [])]);
    if (r.error) setProblems((ps) => [...ps.filter((p) => p.id !== c.local.id), { kind: 'transient', id: c.local.id, name: c.local.name, status: r.error!.status, body: r.error!.body }]);
  };

  const notSynced = new Set([...problems.map((p) => p.id), ...conflicts.map((c) => c.local.id)]).size;
  const memoryOnly = !ws.persistent;
  let label: string;
  let kind: string = status.kind;
  if (status.kind === 'synced' && notSynced > 0) {
    kind = 'partial';
    label = fillText(pt(lang, 'syncedExceptSome'), { count: notSynced });
  } else if (status.kind === 'synced') label = pt(lang, memoryOnly ? 'syncedNoLocalStore' : 'syncedWithTheServer');
  else if (status.kind === 'offline') {
    kind = memoryOnly ? 'offline-memory' : 'offline';
    label = pt(lang, memoryOnly ? 'serverUnreachableMemory' : 'serverUnreachable');
  } else if (status.kind === 'error') {
    kind = memoryOnly ? 'error-memory' : 'error';
    label = fillText(pt(lang, memoryOnly ? 'serverAnsweredErrorMemory' : 'serverAnsweredError'), { reason: serverMessage(status.status, status.body, lang) });
  } else label = pt(lang, status.kind === 'idle' ? 'waitingToSync' : 'syncing');

  return (
    <div className="planner-sync" data-testid="planner-sync">
      <p className={kind === 'offline-memory' || kind === 'error-memory' ? 'planner-error planner-small' : 'planner-muted planner-small'} data-testid="planner-sync-status" data-status={kind} role="status">
        <span data-value>{who.user}</span> · {label}{status.at ? ` (${timeText(status.at, lang)})` : ''}
      </p>
      {(problems.length > 0 || conflicts.length > 0) && (
        <ul className="planner-error" data-testid="planner-sync-errors">
          {problems.slice(0, 8).map((p) => <li key={`${p.kind}:${p.id}`} data-testid="planner-sync-problem" data-site-id={p.id} data-kind={p.kind}>{problemText(p, lang)}</li>)}
          {conflicts.map((c) => <li key={`conflict:${c.local.id}`} data-site-id={c.local.id} data-kind="conflict">{fillText(pt(lang, 'problemConflict'), { name: c.local.name })}</li>)}
        </ul>
      )}
      <SiteSharing lang={lang} me={who.user} request={request.current} sites={ws.sites.filter((x) => info[x.id] && meta.current[x.id])} info={info} onChanged={() => void sync()} />
      {conflicts.map((c) => (
        <div key={c.local.id} className="planner-conflict" role="alert" data-testid="planner-conflict">
          <strong>{fillText(pt(lang, 'wasChangedOnTheServer'), { name: c.local.name, updated_by: c.server.updated_by })}</strong>
          <table className="planner-small">
            <thead><tr><th /><th>{pt(lang, 'name')}</th><th>{pt(lang, 'areaMuFullWidth')}</th><th>{pt(lang, 'note')}</th><th>{pt(lang, 'time')}</th></tr></thead>
            <tbody>
              <tr data-testid="conflict-local"><th>{pt(lang, 'thisBrowser')}</th><td>{c.local.name}</td><td>{mu(siteAreaM2(c.local))}</td><td>{c.local.note}</td><td>{timeText(c.local.updated, lang)}</td></tr>
              <tr data-testid="conflict-server"><th>{pt(lang, 'server')} v{c.server.version}</th><td>{c.server.deleted ? pt(lang, 'deleted') : c.server.name}</td><td>{c.server.area_mu.toFixed(2)}</td><td>{c.server.note}</td><td>{timeText(c.server.updated, lang)}</td></tr>
            </tbody>
          </table>
          <button type="button" data-testid="conflict-keep-local" onClick={() => void choose(c, 'local')}>{pt(lang, 'keepMine')}</button>{' '}
          <button type="button" data-testid="conflict-keep-server" onClick={() => void choose(c, 'server')}>{pt(lang, 'takeTheServers')}</button>
        </div>
      ))}
    </div>
  );
}
