// The sign-in page: posts the name and password to /api/session and goes to the bureau page. With #setup=<token> (the
// link the server prints on first start) it creates the first editor instead. Messages are set as text, never HTML:
// the server's answers are keyed (src/core/messages/api-messages.ts) and shown in Chinese and English, as the page is.
import { apiMessageText, isApiMessageKey, type MessageParams } from '../../core/messages/api-messages.ts';
import './login.css';

const form = document.getElementById('login-form') as HTMLFormElement;
const error = document.getElementById('login-error') as HTMLParagraphElement;
const setupToken = new URLSearchParams(location.hash.slice(1)).get('setup');

function show(message: string): void {
  error.textContent = message;
}

/** The server's refusal in both languages (its key's texts), or its English text when it has no key. */
function answerText(status: number, answer: { error?: unknown; key?: unknown; params?: unknown }): string {
  if (isApiMessageKey(answer.key)) {
    const params = (answer.params && typeof answer.params === 'object' ? answer.params : {}) as MessageParams;
    return `${apiMessageText(answer.key, params, 'zh')} · ${apiMessageText(answer.key, params, 'en')}`;
  }
  return typeof answer.error === 'string' ? answer.error : `HTTP ${status}`;
}

if (setupToken) {
  (document.getElementById('setup-note') as HTMLElement).hidden = false;
  (document.getElementById('password') as HTMLInputElement).autocomplete = 'new-password';
  (document.getElementById('password') as HTMLInputElement).minLength = 8;
  document.getElementById('login-title')!.replaceChildren('创建编辑账号 ', Object.assign(document.createElement('small'), { textContent: 'Create the editor account' }));
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  error.textContent = '';
  const username = (document.getElementById('username') as HTMLInputElement).value.trim();
  const password = (document.getElementById('password') as HTMLInputElement).value;
  const body = setupToken ? { token: setupToken, username, password } : { username, password };
  const button = document.getElementById('submit') as HTMLButtonElement;
  button.disabled = true;
  fetch(setupToken ? '../api/setup' : '../api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then(async (r) => {
      if (r.ok) {
        location.replace('../');
        return;
      }
      show(answerText(r.status, (await r.json().catch(() => ({}))) as Record<string, unknown>));
    })
    .catch((err: Error) => show(`无法连接服务器 · the server cannot be reached (${err.message})`))
    .finally(() => { button.disabled = false; });
});

// The set-up link pasted into a tab already showing this page changes only the hash: read it again.
window.addEventListener('hashchange', () => location.reload());
