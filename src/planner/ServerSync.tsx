// The planner's link to the shared workspace on the server: while signed in, the workspace (IndexedDB, as before)
// is synchronised after every change, every 20 s and when the network comes back (storage/server-sync.ts). A site
// changed both here and on the server is not overwritten: both versions are shown and the planner chooses.
// Without a server (static hosting) or offline, nothing shows but "offline": the workspace keeps working locally.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fromSquareMetres } from '../core/geo/units.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { siteAreaM2 } from './site.ts';
import { browserRequester, loadMeta, resolveConflict, saveMeta, serverSession, syncOnce, type Conflict, type Requester, type SyncMeta } from './storage/server-sync.ts';
import { pt } from './text.ts';
import type { PlannerTextKey } from '../ui/i18n.ts';
import { fillText } from '../ui/fill-text.ts';
import type { Workspace } from './use-workspace.ts';

const INTERVAL_MS = 20_000;
const DEBOUNCE_MS = 800;

type Status = { kind: 'idle' | 'syncing' | 'synced' | 'offline'; at?: number };

/** Runs `fn` while no other tab of this app runs a sync pass (Web Locks; without them, at once). */
function oneTabAtATime(fn: () => Promise<void>): Promise<void> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request('xingguo-planner-sync', fn).then(() => undefined) : fn();
}

const time = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });
const mu = (m2: number) => fromSquareMetres(m2, 'mu').toFixed(2);

export function ServerSync({ ws, lang }: { ws: Workspace; lang: Lang }) {
  const [who, setWho] = useState<{ user: string; role: string } | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const request = useRef<Requester | null>(null);
  const meta = useRef<SyncMeta>({});
  const running = useRef(false);
  const again = useRef(false);
  const wsRef = useRef(ws);
  wsRef.current = ws;

  const sync = useCallback(async () => {
    if (!request.current || !who) return;
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    setStatus((s) => ({ ...s, kind: 'syncing' }));
    try {
      do {
        again.current = false;
        await oneTabAtATime(async () => {
          const w = wsRef.current;
          // Other tabs of this browser share the workspace and the sync state: read it fresh under the lock, so a
          // site another tab deleted (and recorded) is deleted on the server, not pulled back as new.
          meta.current = loadMeta(who.user);
          // Sites in a conflict wait for the planner's choice; the others go on synchronising.
          const r = await syncOnce(request.current!, w.ref.current, meta.current, who.role !== 'viewer');
          meta.current = r.meta;
          saveMeta(who.user, r.meta);
          for (const site of r.pulls) w.applyRemote({ op: 'put', site });
          for (const id of r.removals) w.applyRemote({ op: 'remove', id });
          setConflicts(r.conflicts);
          setErrors(r.errors);
        });
      } while (again.current);
      setStatus({ kind: 'synced', at: Date.now() });
    } catch {
      setStatus((s) => ({ kind: 'offline', at: s.at }));
    } finally {
      running.current = false;
    }
  }, [who]);

  useEffect(() => {
    let live = true;
    void serverSession().then((s) => {
      if (!live || !s) return;
      request.current = browserRequester(s.csrf);
      meta.current = loadMeta(s.user);
      setWho({ user: s.user, role: s.role });
    });
    return () => { live = false; };
  }, []);

  // After every change of the workspace (debounced), on a timer, and when the browser is online again.
  useEffect(() => {
    if (!who || !ws.loaded) return;
    const t = setTimeout(() => void sync(), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [who, ws.loaded, ws.sites, sync]);
  useEffect(() => {
    if (!who) return;
    const t = setInterval(() => void sync(), INTERVAL_MS);
    const online = () => void sync();
    window.addEventListener('online', online);
    return () => {
      clearInterval(t);
      window.removeEventListener('online', online);
    };
  }, [who, sync]);

  const choose = async (c: Conflict, keep: 'local' | 'server') => {
    if (!request.current || !who) return;
    meta.current = loadMeta(who.user);
    const r = await resolveConflict(request.current, c, keep, meta.current).catch((e: Error) => ({ meta: meta.current, pull: null, error: e.message, conflict: c }));
    meta.current = r.meta;
    saveMeta(who.user, r.meta);
    if (r.pull) ws.applyRemote({ op: 'put', site: r.pull });
    else if (keep === 'server' && c.server.deleted) ws.applyRemote({ op: 'remove', id: c.local.id });
    setConflicts((cs) => [...cs.filter((x) => x.local.id !== c.local.id), ...(r.conflict ? [r.conflict] : [])]);
    if (r.error) setErrors((es) => [...es, `${c.local.name}: ${r.error}`]);
  };

  // Sharing and history of the synchronised sites (the server decides who may: non-owners get its message).
  const [open, setOpen] = useState<string | null>(null);
  const [history, setHistory] = useState<{ id: string; versions: { version: number; author: string; time: number; change: string; name: string; area_mu: number; deleted: boolean }[] } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const share = async (id: string, mode: string, users: string) => {
    if (!request.current) return;
    const cur = await request.current('GET', `/api/sites/${encodeURIComponent(id)}`);
    if (cur.status !== 200) return setNote(cur.body?.error ?? `HTTP ${cur.status}`);
    const sharing = mode === 'users' ? { users: users.split(/[,，\s]+/).filter(Boolean) } : mode;
    const r = await request.current('PUT', `/api/sites/${encodeURIComponent(id)}`, { version: cur.body.version, sharing });
    setNote(r.status === 200 ? pt(lang, 'sharingSaved') : (r.body?.error ?? `HTTP ${r.status}`));
    if (r.status === 200) void sync();
  };
  const showHistory = async (id: string) => {
    if (!request.current) return;
    const r = await request.current('GET', `/api/sites/${encodeURIComponent(id)}/history`);
    if (r.status === 200) setHistory(r.body);
    else setNote(r.body?.error ?? `HTTP ${r.status}`);
  };
  const restore = async (id: string, version: number) => {
    if (!request.current) return;
    const r = await request.current('POST', `/api/sites/${encodeURIComponent(id)}/restore`, { version });
    setNote(r.status === 200 ? fillText(pt(lang, 'versionRestored'), { version }) : (r.body?.error ?? `HTTP ${r.status}`));
    if (r.status === 200) {
      await sync();
      await showHistory(id);
    }
  };

  if (!who) return null;
  const label = {
    idle: pt(lang, 'waitingToSync'),
    syncing: pt(lang, 'syncing'),
    synced: pt(lang, 'syncedWithTheServer'),
    offline: pt(lang, 'serverUnreachable'),
  }[status.kind];
  return (
    <div className="planner-sync" data-testid="planner-sync">
      <p className="planner-muted planner-small" data-testid="planner-sync-status" data-status={status.kind}>
        <span data-value>{who.user}</span> · {label}{status.at ? ` (${time(status.at)})` : ''}
      </p>
      {errors.length > 0 && (
        <ul className="planner-error" data-testid="planner-sync-errors">{errors.slice(0, 5).map((e) => <li key={e}>{pt(lang, 'notSynced')}{e}</li>)}</ul>
      )}
      {note && <p className="planner-muted planner-small" role="status" data-testid="planner-sync-note">{note}</p>}
      <details className="planner-server-sites" data-testid="server-sites">
        <summary>{pt(lang, 'sharingAndHistory')}</summary>
        <ul>
          {ws.sites.filter((x) => meta.current[x.id]).map((x) => (
            <li key={x.id} data-testid="server-site" data-site-id={x.id}>
              <span>{x.name}</span>{' '}
              <button type="button" className="planner-link" data-testid="server-site-share" onClick={() => setOpen(open === x.id ? null : x.id)}>{pt(lang, 'share')}</button>{' '}
              <button type="button" className="planner-link" data-testid="server-site-history" onClick={() => void showHistory(x.id)}>{pt(lang, 'history')}</button>
              {open === x.id && <ShareForm lang={lang} onSave={(mode, users) => void share(x.id, mode, users)} />}
              {history?.id === x.id && (
                <ol className="planner-small" data-testid="server-site-versions">
                  {history.versions.map((v) => (
                    <li key={v.version} data-testid="server-site-version" data-version={v.version}>
                      v{v.version} · <span data-value>{v.author}</span> · {time(v.time)} · {changeName(v.change, lang)} · {v.deleted ? pt(lang, 'deleted') : <><span data-value>{v.name}</span>{` · ${v.area_mu.toFixed(2)} ${pt(lang, 'mu')}`}</>}{' '}
                      {v.version !== history.versions[0].version && !v.deleted && (
                        <button type="button" className="planner-link" data-testid="server-site-restore" onClick={() => void restore(x.id, v.version)}>{pt(lang, 'restore')}</button>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ul>
      </details>
      {conflicts.map((c) => (
        <div key={c.local.id} className="planner-conflict" role="alert" data-testid="planner-conflict">
          <strong>{fillText(pt(lang, 'wasChangedOnTheServer'), { name: c.local.name, updated_by: c.server.updated_by })}</strong>
          <table className="planner-small">
            <thead><tr><th /><th>{pt(lang, 'name')}</th><th>{pt(lang, 'areaMuFullWidth')}</th><th>{pt(lang, 'note')}</th><th>{pt(lang, 'time')}</th></tr></thead>
            <tbody>
              <tr data-testid="conflict-local"><th>{pt(lang, 'thisBrowser')}</th><td>{c.local.name}</td><td>{mu(siteAreaM2(c.local))}</td><td>{c.local.note}</td><td>{time(c.local.updated)}</td></tr>
              <tr data-testid="conflict-server"><th>{pt(lang, 'server')} v{c.server.version}</th><td>{c.server.deleted ? pt(lang, 'deleted') : c.server.name}</td><td>{c.server.area_mu.toFixed(2)}</td><td>{c.server.note}</td><td>{time(c.server.updated)}</td></tr>
            </tbody>
          </table>
          <button type="button" data-testid="conflict-keep-local" onClick={() => void choose(c, 'local')}>{pt(lang, 'keepMine')}</button>{' '}
          <button type="button" data-testid="conflict-keep-server" onClick={() => void choose(c, 'server')}>{pt(lang, 'takeTheServers')}</button>
        </div>
      ))}
    </div>
  );
}

function ShareForm({ lang, onSave }: { lang: Lang; onSave: (mode: string, users: string) => void }) {
  const [mode, setMode] = useState('private');
  const [users, setUsers] = useState('');
  return (
    <span className="planner-share" data-testid="share-form">
      <select aria-label={pt(lang, 'sharing')} data-testid="share-mode" value={mode} onChange={(e) => setMode(e.target.value)}>
        <option value="private">{pt(lang, 'onlyMe')}</option>
        <option value="users">{pt(lang, 'namedUsers')}</option>
        <option value="everyone">{pt(lang, 'everyoneSignedIn')}</option>
      </select>
      {mode === 'users' && <input aria-label={pt(lang, 'userNamesCommaSeparated')} data-testid="share-users" value={users} onChange={(e) => setUsers(e.target.value)} />}
      <button type="button" data-testid="share-save" onClick={() => onSave(mode, users)}>{pt(lang, 'save')}</button>
    </span>
  );
}

/** The server's change kinds (sites.ts recordVersion) in the UI language; an unknown kind is shown as it came. */
function changeName(change: string, lang: Lang): string {
  const keys: Record<string, PlannerTextKey> = { create: 'changeCreated', update: 'changeEdited', delete: 'changeDeleted', restore: 'changeRestored' };
  const key = keys[change];
  return key ? pt(lang, key) : change;
}
