// The sign-in page: posts the name and password to /api/session and goes to the bureau page. With #setup=<token> (a
// one-time set-up link: the first editor's, printed by the server on first start; a new account's or a reset's, made by
// an editor) it asks the server what the link is for and sets the password instead (the first editor also chooses
// their name). The page is bilingual (简体中文 with English in small type); server refusals are shown from the message
// catalogue by their key in both. Messages are set as text, never HTML.
import './login.css';
import { apiMessageText, isApiMessageKey, type MessageParams } from '../../core/messages/api-messages.ts';
import { ACCOUNT_TEXT, type AccountTextKey } from '../../ui/account-text.ts';
import { fillText } from '../../ui/fill-text.ts';

const form = document.getElementById('login-form') as HTMLFormElement;
const error = document.getElementById('login-error') as HTMLParagraphElement;
const title = document.getElementById('login-title') as HTMLElement;
const note = document.getElementById('setup-note') as HTMLElement;
const usernameInput = document.getElementById('username') as HTMLInputElement;
const passwordInput = document.getElementById('password') as HTMLInputElement;
const button = document.getElementById('submit') as HTMLButtonElement;
const setupToken = new URLSearchParams(location.hash.slice(1)).get('setup');
let setupPurpose: 'first' | 'new' | 'reset' | null = null;

/** Chinese text with its English in small type, as the page's other labels. */
function bilingual(el: HTMLElement, zh: string, en: string): void {
  el.replaceChildren(`${zh} `, Object.assign(document.createElement('small'), { textContent: en }));
}

const text = (key: AccountTextKey, values: Record<string, string | number> = {}) =>
  [fillText(ACCOUNT_TEXT[key].zh, values), fillText(ACCOUNT_TEXT[key].en, values)] as const;

function showError(answer: { error?: string; key?: string; params?: MessageParams }, status: number): void {
  if (isApiMessageKey(answer.key)) bilingual(error, apiMessageText(answer.key, answer.params ?? {}, 'zh'), apiMessageText(answer.key, answer.params ?? {}, 'en'));
  else error.textContent = answer.error ?? `HTTP ${status}`;
}

function showUnreachable(err: Error): void {
  const [zh, en] = text('serverUnreachable', { reason: err.message });
  bilingual(error, zh, en);
}

const when = (ms: number) => new Date(ms).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short' });

async function readSetupLink(token: string): Promise<void> {
  button.disabled = true;
  try {
    const r = await fetch('../api/setup/info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const answer = (await r.json().catch(() => ({}))) as { purpose?: 'first' | 'new' | 'reset'; username?: string | null; expires?: number; error?: string; key?: string; params?: MessageParams };
    if (!r.ok || !answer.purpose) {
      // Used, expired or not a link: say so; the form stays a plain sign-in.
      showError(answer, r.status);
      return;
    }
    setupPurpose = answer.purpose;
    passwordInput.autocomplete = 'new-password';
    passwordInput.minLength = 8;
    note.hidden = false;
    if (answer.purpose === 'first') {
      bilingual(title, ...text('setupFirstTitle'));
      bilingual(note, ...text('setupFirstNote'));
    } else {
      const values = { username: answer.username ?? '', time: when(answer.expires ?? 0) };
      bilingual(title, ...text(answer.purpose === 'new' ? 'setupNewTitle' : 'setupResetTitle'));
      bilingual(note, ...text(answer.purpose === 'new' ? 'setupNewNote' : 'setupResetNote', values));
      usernameInput.value = answer.username ?? '';
      usernameInput.readOnly = true;
      passwordInput.focus();
    }
    bilingual(button, ...text('setupSubmit'));
  } catch (err) {
    showUnreachable(err as Error);
  } finally {
    button.disabled = false;
  }
}

if (setupToken) void readSetupLink(setupToken);

form.addEventListener('submit', (e) => {
  e.preventDefault();
  error.textContent = '';
  const username = usernameInput.value.trim();
  const password = passwordInput.value;
  const body = setupPurpose ? { token: setupToken, username, password } : { username, password };
  button.disabled = true;
  fetch(setupPurpose ? '../api/setup' : '../api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then(async (r) => {
      if (r.ok) {
        location.replace('../');
        return;
      }
      showError((await r.json().catch(() => ({}))) as { error?: string; key?: string; params?: MessageParams }, r.status);
    })
    .catch((err: Error) => showUnreachable(err))
    .finally(() => { button.disabled = false; });
});

// The set-up link pasted into a tab already showing this page changes only the hash: read it again.
window.addEventListener('hashchange', () => location.reload());
