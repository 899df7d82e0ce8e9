// 共享与历史 (Sharing and history) of the synchronised sites. Each site shows who may see it now. The owner's 共享 form
// opens on the current sharing (so 保存 never unshares by accident), users are picked from the server's list of
// accounts (GET /api/users), not typed, and a change is confirmed before it is sent ("from … to …") and confirmed
// again from the server's answer. The history lists each version with what it changed (field names in the UI
// language); restoring an older version says which later versions it replaces and asks first. The server checks
// every right again (non-owners get its refusal, in the UI language).
import { useEffect, useState } from 'react';
import { fieldName } from '../core/messages/field-names.ts';
import type { Sharing } from '../core/share/site-wire.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { fillText } from '../ui/fill-text.ts';
import { serverMessage } from '../ui/server-message.ts';
import type { Site } from './site.ts';
import type { Requester, SiteInfo } from './storage/server-sync.ts';
import { pt } from './text.ts';
import { localeOf, type PlannerTextKey } from '../ui/i18n.ts';

interface Version { version: number; author: string; time: number; change: string; fields: string[]; name: string; area_mu: number; deleted: boolean }
interface Account { username: string; role: string }
type Note = { bad: boolean; text: (lang: Lang) => string };

const listSep = (lang: Lang) => (lang === 'zh' ? '、' : ', ');

/** Who may see a site, as a phrase: "仅自己可见", "共享给 ben、carl", "所有登录用户可见". */
export function sharingText(s: Sharing, lang: Lang): string {
  if (s === 'private') return pt(lang, 'sharingPrivate');
  if (s === 'everyone') return pt(lang, 'sharingEveryone');
  return fillText(pt(lang, 'sharingUsers'), { users: s.users.join(listSep(lang)) });
}

/** A site's sharing as its owner sees it, or who shared it for everyone else. */
export function sharingLine(info: SiteInfo, me: string, lang: Lang): string {
  return info.owner === me ? sharingText(info.sharing, lang) : fillText(pt(lang, 'sharedBy'), { owner: info.owner });
}

const sameSharing = (a: Sharing, b: Sharing) => JSON.stringify(typeof a === 'string' ? a : [...a.users].sort()) === JSON.stringify(typeof b === 'string' ? b : [...b.users].sort());

/** The server's change kinds (sites.ts recordVersion) in the UI language; an unknown kind is shown as it came. */
function changeName(change: string, lang: Lang): string {
  const keys: Record<string, PlannerTextKey> = { create: 'changeCreated', update: 'changeEdited', delete: 'changeDeleted', restore: 'changeRestored' };
  const key = keys[change];
  return key ? pt(lang, key) : change;
}

const fieldsText = (fields: string[], lang: Lang) => fields.map((f) => fieldName(f, lang)).join(listSep(lang));

interface Props {
  lang: Lang;
  me: string;
  request: Requester;
  /** The workspace's sites that are on the server. */
  sites: Site[];
  info: Record<string, SiteInfo>;
  /** A change went through: synchronise now. */
  onChanged: () => void;
}

export function SiteSharing({ lang, me, request, sites, info, onChanged }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  const [history, setHistory] = useState<{ id: string; versions: Version[] } | null>(null);
  const [restoring, setRestoring] = useState<{ id: string; version: number } | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [accounts, setAccounts] = useState<Account[] | { status: number; body: unknown } | null>(null);
  const refused = (status: number, body: unknown): Note => ({ bad: true, text: (l) => serverMessage(status, body, l) });

  // The accounts to share with, read when a share form first opens.
  useEffect(() => {
    if (open === null || accounts !== null) return;
    void request('GET', '/api/users').then(
      (r) => setAccounts(r.status === 200 && Array.isArray(r.body?.users) ? (r.body.users as Account[]) : { status: r.status, body: r.body }),
      () => setAccounts({ status: 0, body: null }),
    );
  }, [open, accounts, request]);

  const share = async (site: Site, sharing: Sharing) => {
    const cur = await request('GET', `/api/sites/${encodeURIComponent(site.id)}`);
    if (cur.status !== 200) return setNote(refused(cur.status, cur.body));
    const r = await request('PUT', `/api/sites/${encodeURIComponent(site.id)}`, { version: cur.body.version, sharing });
    if (r.status !== 200) return setNote(refused(r.status, r.body));
    // Confirmed from the server's answer, not from what was asked.
    const now = r.body.sharing as Sharing;
    setNote({ bad: false, text: (l) => fillText(pt(l, 'shareSavedNow'), { name: site.name, to: sharingText(now, l) }) });
    setOpen(null);
    onChanged();
  };
  const showHistory = async (id: string) => {
    setRestoring(null);
    const r = await request('GET', `/api/sites/${encodeURIComponent(id)}/history`);
    if (r.status === 200) setHistory(r.body);
    else setNote(refused(r.status, r.body));
  };
  const restore = async (id: string, version: number) => {
    const r = await request('POST', `/api/sites/${encodeURIComponent(id)}/restore`, { version });
    setRestoring(null);
    if (r.status !== 200) return setNote(refused(r.status, r.body));
    setNote({ bad: false, text: (l) => fillText(pt(l, 'versionRestored'), { version }) });
    onChanged();
    await showHistory(id);
  };

  return (
    <>
      {note && <p className={note.bad ? 'planner-error planner-small' : 'planner-muted planner-small'} role={note.bad ? 'alert' : 'status'} data-testid="planner-sync-note" data-bad={note.bad}>{note.text(lang)}</p>}
      <details className="planner-server-sites" data-testid="server-sites">
        <summary>{pt(lang, 'sharingAndHistory')}</summary>
        <ul>
          {sites.map((x) => {
            const i = info[x.id];
            return (
              <li key={x.id} data-testid="server-site" data-site-id={x.id}>
                <span>{x.name}</span>{' · '}
                <span className="planner-muted planner-small" data-testid="server-site-sharing">{sharingLine(i, me, lang)}</span>{' '}
                {i.can_share && <button type="button" className="planner-link" data-testid="server-site-share" onClick={() => { setOpen(open === x.id ? null : x.id); setNote(null); }}>{pt(lang, 'share')}</button>}{' '}
                <button type="button" className="planner-link" data-testid="server-site-history" onClick={() => void showHistory(x.id)}>{pt(lang, 'history')}</button>
                {open === x.id && <ShareForm lang={lang} me={me} site={x} current={i.sharing} accounts={accounts} onCancel={() => setOpen(null)} onSave={(s) => share(x, s)} />}
                {history?.id === x.id && (
                  <ol className="planner-small" data-testid="server-site-versions">
                    {history.versions.map((v, i) => (
                      <li key={v.version} data-testid="server-site-version" data-version={v.version}>
                        v{v.version} · <span data-value>{v.author}</span> · {new Date(v.time).toLocaleString(localeOf(lang), { hour12: false })} · {changeName(v.change, lang)}
                        {v.fields.length > 0 && ` · ${fillText(pt(lang, 'versionChanged'), { fields: fieldsText(v.fields, lang) })}`}
                        {' · '}{v.deleted ? pt(lang, 'deleted') : <><span data-value>{v.name}</span>{` · ${v.area_mu.toFixed(2)} ${pt(lang, 'mu')}`}</>}{' '}
                        {i > 0 && !v.deleted && (
                          <button type="button" className="planner-link" data-testid="server-site-restore" onClick={() => setRestoring({ id: x.id, version: v.version })}>{pt(lang, 'restore')}</button>
                        )}
                        {restoring?.id === x.id && restoring.version === v.version && (
                          <div className="planner-conflict" role="alertdialog" data-testid="restore-confirm">
                            <p>{fillText(pt(lang, 'restoreAsk'), { version: v.version, count: i })}</p>
                            <ul>
                              {history.versions.slice(0, i).map((l) => (
                                <li key={l.version} data-testid="restore-replaces" data-version={l.version}>
                                  v{l.version} · {l.author} · {changeName(l.change, lang)}{l.fields.length > 0 ? ` · ${fillText(pt(lang, 'versionChanged'), { fields: fieldsText(l.fields, lang) })}` : ''}
                                </li>
                              ))}
                            </ul>
                            <button type="button" data-testid="restore-confirm-yes" onClick={() => void restore(x.id, v.version)}>{pt(lang, 'restoreYes')}</button>{' '}
                            <button type="button" onClick={() => setRestoring(null)}>{pt(lang, 'cancel')}</button>
                          </div>
                        )}
                      </li>
                    ))}
                  </ol>
                )}
              </li>
            );
          })}
        </ul>
      </details>
    </>
  );
}

interface FormProps {
  lang: Lang;
  me: string;
  site: Site;
  current: Sharing;
  accounts: Account[] | { status: number; body: unknown } | null;
  onCancel: () => void;
  onSave: (sharing: Sharing) => Promise<void>;
}

/** The owner's choice of who may see a site: opens on the current sharing; users ticked from the list of accounts. */
function ShareForm({ lang, me, site, current, accounts, onCancel, onSave }: FormProps) {
  const [mode, setMode] = useState<'private' | 'users' | 'everyone'>(typeof current === 'string' ? current : 'users');
  const [picked, setPicked] = useState<string[]>(typeof current === 'string' ? [] : current.users);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const next: Sharing = mode === 'users' ? { users: [...picked].sort() } : mode;
  const unchanged = sameSharing(next, current);
  const empty = mode === 'users' && picked.length === 0;
  const list = Array.isArray(accounts) ? accounts.filter((a) => a.username !== me) : [];
  // Names already shared with that the list does not have (an account since disabled) stay visible and can be unticked.
  const gone = typeof current === 'string' ? [] : current.users.filter((u) => Array.isArray(accounts) && !accounts.some((a) => a.username === u));
  const toggle = (name: string, on: boolean) => setPicked((p) => (on ? [...new Set([...p, name])] : p.filter((x) => x !== name)));

  return (
    <div className="planner-share" data-testid="share-form" data-current={JSON.stringify(current)}>
      <select aria-label={pt(lang, 'sharing')} data-testid="share-mode" value={mode} disabled={asking} onChange={(e) => setMode(e.target.value as typeof mode)}>
        <option value="private">{pt(lang, 'onlyMe')}</option>
        <option value="users">{pt(lang, 'namedUsers')}</option>
        <option value="everyone">{pt(lang, 'everyoneSignedIn')}</option>
      </select>
      {mode === 'users' && (
        <fieldset className="planner-share__users" data-testid="share-users" disabled={asking}>
          {accounts === null && <span className="planner-muted">{pt(lang, 'shareUsersLoading')}</span>}
          {accounts !== null && !Array.isArray(accounts) && <span className="planner-error">{fillText(pt(lang, 'shareUsersFailed'), { reason: serverMessage(accounts.status, accounts.body, lang) })}</span>}
          {Array.isArray(accounts) && list.length === 0 && gone.length === 0 && <span className="planner-muted">{pt(lang, 'shareNoOtherUsers')}</span>}
          {list.map((a) => (
            <label key={a.username} className="planner-check" data-testid="share-user" data-user={a.username}>
              <input type="checkbox" checked={picked.includes(a.username)} onChange={(e) => toggle(a.username, e.target.checked)} />
              {a.role === 'viewer' ? fillText(pt(lang, 'shareViewerRole'), { name: a.username }) : a.username}
            </label>
          ))}
          {gone.map((u) => (
            <label key={u} className="planner-check" data-testid="share-user" data-user={u}>
              <input type="checkbox" checked={picked.includes(u)} onChange={(e) => toggle(u, e.target.checked)} />
              {fillText(pt(lang, 'shareUserGone'), { name: u })}
            </label>
          ))}
          {empty && Array.isArray(accounts) && <span className="planner-muted">{pt(lang, 'sharePickUsers')}</span>}
        </fieldset>
      )}
      {!asking && <button type="button" data-testid="share-save" disabled={unchanged || empty} onClick={() => setAsking(true)}>{pt(lang, 'save')}</button>}{' '}
      {!asking && <button type="button" onClick={onCancel}>{pt(lang, 'cancel')}</button>}
      {asking && (
        <div role="alertdialog" data-testid="share-confirm">
          <p>{fillText(pt(lang, 'shareChangeAsk'), { name: site.name, from: sharingText(current, lang), to: sharingText(next, lang) })}</p>
          <button type="button" data-testid="share-confirm-yes" disabled={busy} onClick={() => { setBusy(true); void onSave(next).finally(() => { setBusy(false); setAsking(false); }); }}>{pt(lang, 'shareConfirm')}</button>{' '}
          <button type="button" data-testid="share-confirm-no" disabled={busy} onClick={() => setAsking(false)}>{pt(lang, 'cancel')}</button>
        </div>
      )}
    </div>
  );
}
