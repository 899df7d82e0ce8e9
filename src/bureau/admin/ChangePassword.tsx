// 修改密码 (change password) for every signed-in user: the current password, the new one twice. The server checks the
// current one, ends the user's sessions elsewhere and keeps this one. Its refusals are shown in the UI language.
import { useEffect, useState } from 'react';
import { accountText, type AccountTextKey } from '../../ui/account-text.ts';
import { fillText } from '../../ui/fill-text.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import type { BureauSession } from '../session.ts';
import { adminCall, errorText } from './admin-api.ts';
import './admin.css';

const MIN_PASSWORD_LENGTH = 8;

export function ChangePassword({ session, lang, onClose }: { session: BureauSession; lang: Lang; onClose: () => void }) {
  const t = (key: AccountTextKey, values?: Record<string, string | number>) => (values ? fillText(accountText(lang, key), values) : accountText(lang, key));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const save = async () => {
    if (next !== again) {
      setMessage({ ok: false, text: t('passwordsDiffer') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await adminCall(session, 'POST', 'api/users/me/password', { old_password: current, new_password: next });
      setMessage({ ok: true, text: t('passwordChanged') });
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, lang) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="admin-overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className="admin-panel admin-panel--narrow" role="dialog" aria-modal="true" aria-labelledby="change-password-title" data-testid="change-password">
        <header className="admin-panel__head">
          <h2 id="change-password-title">{t('changePassword')}</h2>
          <button type="button" onClick={onClose} data-testid="password-close">{t('close')}</button>
        </header>
        <form className="admin-password" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <input type="text" autoComplete="username" value={session.user} readOnly hidden />
          <label>{t('currentPassword')}
            <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required maxLength={256} data-testid="password-current" />
          </label>
          <label>{t('newPassword', { min: MIN_PASSWORD_LENGTH })}
            <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required minLength={MIN_PASSWORD_LENGTH} maxLength={256} data-testid="password-new" />
          </label>
          <label>{t('repeatPassword')}
            <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required maxLength={256} data-testid="password-again" />
          </label>
          <button type="submit" disabled={busy} data-testid="password-save">{t('save')}</button>
        </form>
        {message && <p className={message.ok ? 'admin-message admin-message--ok' : 'admin-message admin-message--error'} role={message.ok ? 'status' : 'alert'} data-testid="password-message">{message.text}</p>}
      </section>
    </div>
  );
}
