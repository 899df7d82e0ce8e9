// Who is signed in, and 退出 (sign out), in the bureau header. Served without the server (static hosting, `npm run
// dev`) there is no session to show and nothing is drawn.
import { useEffect, useState } from 'react';
import type { Lang } from '../ui/i18n-types.ts';
import { inParens, UI_TEXT, type TextKey } from '../ui/i18n.ts';
import { PublishButton } from './PublishButton.tsx';

const ROLE_NAMES: Record<string, TextKey> = { editor: 'roleEditor', planner: 'rolePlanner', viewer: 'roleViewer' };

export function SessionMenu({ lang }: { lang: Lang }) {
  const [session, setSession] = useState<{ user: string; role: string; csrf: string } | null>(null);
  useEffect(() => {
    let live = true;
    fetch('api/session', { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { user: string; role: string; csrf: string } | null) => live && setSession(s))
      .catch(() => undefined);
    return () => { live = false; };
  }, []);
  if (!session) return null;
  const signOut = () => {
    void fetch('api/session', { method: 'DELETE', headers: { 'x-csrf-token': session.csrf }, credentials: 'same-origin' })
      .finally(() => location.assign('login/'));
  };
  const role = ROLE_NAMES[session.role] ? UI_TEXT[ROLE_NAMES[session.role]][lang] : session.role;
  return (
    <span className="session-menu" data-testid="session-menu">
      <span data-testid="session-user">{session.user}{inParens(role, lang)}</span>
      {session.role === 'editor' && <PublishButton session={session as Parameters<typeof PublishButton>[0]['session']} lang={lang} />}
      <button type="button" className="lang-switch" data-testid="sign-out" onClick={signOut}>{UI_TEXT.signOut[lang]}</button>
    </span>
  );
}
