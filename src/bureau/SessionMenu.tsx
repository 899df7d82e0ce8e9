// Who is signed in, 修改密码 (change password), 用户管理 (user administration, editors) and 退出 (sign out), in the bureau
// header. Served without the server (static hosting, `npm run dev`) there is no session to show and nothing is drawn.
import { lazy, Suspense, useEffect, useState } from 'react';
import { accountText, ROLE_TEXT_KEY } from '../ui/account-text.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { inParens } from '../ui/i18n.ts';
import { PublishButton } from './PublishButton.tsx';
import type { BureauSession } from './session.ts';

// The panels load only when opened.
const UserAdmin = lazy(() => import('./admin/UserAdmin.tsx').then((m) => ({ default: m.UserAdmin })));
const ChangePassword = lazy(() => import('./admin/ChangePassword.tsx').then((m) => ({ default: m.ChangePassword })));

export function SessionMenu({ lang }: { lang: Lang }) {
  const [session, setSession] = useState<BureauSession | null>(null);
  const [open, setOpen] = useState<'users' | 'password' | null>(null);
  useEffect(() => {
    let live = true;
    fetch('api/session', { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: BureauSession | null) => live && setSession(s))
      .catch(() => undefined);
    return () => { live = false; };
  }, []);
  if (!session) return null;
  const signOut = () => {
    void fetch('api/session', { method: 'DELETE', headers: { 'x-csrf-token': session.csrf }, credentials: 'same-origin' })
      .finally(() => location.assign('login/'));
  };
  const roleKey = ROLE_TEXT_KEY[session.role];
  const role = roleKey ? accountText(lang, roleKey) : session.role;
  return (
    <span className="session-menu" data-testid="session-menu">
      <span data-testid="session-user">{session.user}{inParens(role, lang)}</span>
      {session.role === 'editor' && <PublishButton session={session} lang={lang} />}
      {session.role === 'editor' && (
        <button type="button" className="lang-switch" data-testid="open-user-admin" onClick={() => setOpen('users')}>{accountText(lang, 'users')}</button>
      )}
      <button type="button" className="lang-switch" data-testid="open-change-password" onClick={() => setOpen('password')}>{accountText(lang, 'changePassword')}</button>
      <button type="button" className="lang-switch" data-testid="sign-out" onClick={signOut}>{accountText(lang, 'signOut')}</button>
      <Suspense fallback={null}>
        {open === 'users' && <UserAdmin session={session} lang={lang} onClose={() => setOpen(null)} />}
        {open === 'password' && <ChangePassword session={session} lang={lang} onClose={() => setOpen(null)} />}
      </Suspense>
    </span>
  );
}
