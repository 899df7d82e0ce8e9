// 用户管理 (user administration) for editors, opened from the header: every account with its role, state (enabled or
// disabled, waiting for its set-up link, locked by failed sign-ins) and last sign-in; add an account with a role (the
// server answers a one-time set-up link for the new user: the editor never types a password), change a role, disable
// or enable, reset a password (a new link), lift a sign-in lock of an account or of a network address. Changes that
// sign someone out ask for confirmation first. The server checks the role on every call; its refusals are shown from
// the message catalogue in the UI language. Everything is rendered as text.
import { useCallback, useEffect, useState } from 'react';
import { accountText, type AccountTextKey, ROLE_TEXT_KEY } from '../../ui/account-text.ts';
import { fillText } from '../../ui/fill-text.ts';
import { localeOf } from '../../ui/i18n.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import type { BureauSession } from '../session.ts';
import { type Account, type AdminList, adminCall, errorText, type Role, ROLES, type SetupLink, setupLinkUrl } from './admin-api.ts';
import './admin.css';

type Pending = { kind: 'disable' | 'reset'; user: string } | { kind: 'role'; user: string; role: Role };
type Message = { ok: boolean; text: string } | null;

export function UserAdmin({ session, lang, onClose }: { session: BureauSession; lang: Lang; onClose: () => void }) {
  const t = (key: AccountTextKey, values?: Record<string, string | number>) => (values ? fillText(accountText(lang, key), values) : accountText(lang, key));
  const roleName = (role: Role) => t(ROLE_TEXT_KEY[role]);
  const time = (ms: number) => new Date(ms).toLocaleString(localeOf(lang), { dateStyle: 'short', timeStyle: 'short' });
  const [list, setList] = useState<AdminList | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [link, setLink] = useState<{ user: string; setup: SetupLink } | null>(null);
  const [copied, setCopied] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('planner');
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      setList(await adminCall<AdminList>(session, 'GET', 'api/users/admin'));
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, lang) });
    }
  }, [session, lang]);
  useEffect(() => { void reload(); }, [reload]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  /** Runs one call, re-reads the list, then shows the call's success text or the server's refusal with it. */
  async function act(call: () => Promise<Message | void>) {
    setBusy(true);
    setMessage(null);
    let done: Message | void = null;
    try {
      done = await call();
    } catch (e) {
      done = { ok: false, text: errorText(e, lang) };
    }
    await reload();
    setPending(null);
    setBusy(false);
    if (done) setMessage(done);
  }

  const add = () => act(async () => {
    const r = await adminCall<{ user: { username: string; role: Role }; setup: SetupLink }>(session, 'POST', 'api/users', { username: name.trim(), role });
    setLink({ user: r.user.username, setup: r.setup });
    setCopied(false);
    setName('');
    return { ok: true, text: t('added', { username: r.user.username, role: roleName(r.user.role) }) };
  });

  const confirmPending = (p: Pending) => act(async () => {
    const path = `api/users/${encodeURIComponent(p.user)}`;
    if (p.kind === 'disable') {
      await adminCall(session, 'PATCH', path, { disabled: true });
      return { ok: true, text: t('disabledDone', { username: p.user }) };
    }
    if (p.kind === 'role') {
      await adminCall(session, 'PATCH', path, { role: p.role });
      return { ok: true, text: t('roleDone', { username: p.user, role: roleName(p.role) }) };
    }
    const r = await adminCall<{ setup: SetupLink }>(session, 'POST', `${path}/reset`);
    setLink({ user: p.user, setup: r.setup });
    setCopied(false);
    return null;
  });

  const enable = (user: string) => act(async () => {
    await adminCall(session, 'PATCH', `api/users/${encodeURIComponent(user)}`, { disabled: false });
    return { ok: true, text: t('enabledDone', { username: user }) };
  });

  const unlock = (body: { username: string } | { address: string }) => act(async () => {
    await adminCall(session, 'POST', 'api/users/unlock', body);
    return { ok: true, text: t('unlockDone', { what: 'username' in body ? body.username : body.address }) };
  });

  const state = (a: Account) => {
    const parts = [a.disabled ? t('stateDisabled') : t('stateEnabled')];
    if (a.setup) parts.push(t('stateLinkPending', { time: time(a.setup.expires) }));
    else if (!a.has_password) parts.push(t('stateNoPassword'));
    if (a.locked_until) parts.push(t('stateLocked', { time: time(a.locked_until), failures: a.failures }));
    else if (a.failures > 0) parts.push(t('stateFailures', { failures: a.failures }));
    return parts.join(t('separator'));
  };

  const confirmText = (p: Pending) => (p.kind === 'role' ? t('confirmRole', { username: p.user, role: roleName(p.role) })
    : t(p.kind === 'disable' ? 'confirmDisable' : 'confirmReset', { username: p.user }));

  const linkUrl = link ? setupLinkUrl(link.setup.token) : '';
  const copy = () => {
    void navigator.clipboard?.writeText(linkUrl).then(() => setCopied(true), () => setCopied(false));
  };

  return (
    <div className="admin-overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className="admin-panel" role="dialog" aria-modal="true" aria-labelledby="user-admin-title" data-testid="user-admin">
        <header className="admin-panel__head">
          <h2 id="user-admin-title">{t('usersTitle')}</h2>
          <button type="button" onClick={onClose} data-testid="admin-close">{t('close')}</button>
        </header>

        <form className="admin-add" onSubmit={(e) => { e.preventDefault(); void add(); }}>
          <strong>{t('addUser')}</strong>
          <label>{t('username')}
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={40} required data-testid="admin-add-name" title={t('usernameHint')} />
          </label>
          <label>{t('role')}
            <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="admin-add-role">
              {ROLES.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
            </select>
          </label>
          <button type="submit" disabled={busy || !name.trim()} data-testid="admin-add">{t('add')}</button>
        </form>

        {link && (
          <div className="admin-link" data-testid="admin-link-box">
            <p>{t('linkFor', { username: link.user })}</p>
            <div className="admin-link__row">
              <input readOnly value={linkUrl} data-testid="admin-link" onFocus={(e) => e.currentTarget.select()} />
              <button type="button" onClick={copy} data-testid="admin-copy-link">{copied ? t('copied') : t('copyLink')}</button>
            </div>
            <p className="admin-note">{t('linkNote', { time: time(link.setup.expires) })}</p>
          </div>
        )}

        {message && <p className={message.ok ? 'admin-message admin-message--ok' : 'admin-message admin-message--error'} role={message.ok ? 'status' : 'alert'} data-testid="admin-message">{message.text}</p>}

        {pending && (
          <div className="admin-confirm" data-testid="admin-confirm">
            <p>{confirmText(pending)}</p>
            <button type="button" disabled={busy} onClick={() => void confirmPending(pending)} data-testid="admin-confirm-yes">{t('confirm')}</button>
            <button type="button" onClick={() => setPending(null)} data-testid="admin-confirm-no">{t('cancel')}</button>
          </div>
        )}

        {!list ? <p>{t('loading')}</p> : (
          <>
            <table className="admin-table">
              <thead>
                <tr><th>{t('colUser')}</th><th>{t('colRole')}</th><th>{t('colState')}</th><th>{t('colLastSignIn')}</th><th>{t('colActions')}</th></tr>
              </thead>
              <tbody>
                {list.users.map((a) => {
                  const self = a.username === session.user;
                  return (
                    <tr key={a.username} data-testid="admin-row" data-user={a.username} className={a.disabled ? 'admin-row--disabled' : undefined}>
                      <td>{a.username}{self ? t('you') : ''}</td>
                      <td>
                        <select value={a.role} disabled={busy} data-testid="admin-role" aria-label={`${t('role')}: ${a.username}`}
                          onChange={(e) => setPending({ kind: 'role', user: a.username, role: e.target.value as Role })}>
                          {ROLES.map((r) => <option key={r} value={r}>{roleName(r)}</option>)}
                        </select>
                      </td>
                      <td data-testid="admin-state">{state(a)}</td>
                      <td data-testid="admin-last">{a.last_sign_in ? time(a.last_sign_in) : t('never')}</td>
                      <td>
                        <div className="admin-actions">
                          {a.disabled
                            ? <button type="button" disabled={busy} onClick={() => void enable(a.username)} data-testid="admin-enable">{t('enable')}</button>
                            : !self && <button type="button" disabled={busy} onClick={() => setPending({ kind: 'disable', user: a.username })} data-testid="admin-disable">{t('disable')}</button>}
                          {!self && <button type="button" disabled={busy} onClick={() => setPending({ kind: 'reset', user: a.username })} data-testid="admin-reset">{t('resetPassword')}</button>}
                          {(a.locked_until || a.failures > 0) && <button type="button" disabled={busy} onClick={() => void unlock({ username: a.username })} data-testid="admin-unlock">{t('unlock')}</button>}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {list.addresses.length > 0 && (
              <div className="admin-addresses">
                <strong>{t('lockedAddresses')}</strong>
                <ul>
                  {list.addresses.map((l) => (
                    <li key={l.address} data-testid="admin-address">
                      {t('lockedAddressLine', { address: l.address, failures: l.failures, time: time(l.locked_until) })}{' '}
                      <button type="button" disabled={busy} onClick={() => void unlock({ address: l.address })} data-testid="admin-unlock-address">{t('unlock')}</button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <p className="admin-note">{t('limitsNote', { account: list.limits.accountFailures, address: list.limits.addressFailures, minutes: Math.round(list.limits.windowMs / 60_000) })}</p>
          </>
        )}
      </section>
    </div>
  );
}
