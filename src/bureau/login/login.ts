// The sign-in page: posts the name and password to /api/session and goes to the bureau page. With #setup=<token> (the
// link the server prints on first start) it creates the first editor instead. Messages are set as text, never HTML.
import './login.css';

const form = document.getElementById('login-form') as HTMLFormElement;
const error = document.getElementById('login-error') as HTMLParagraphElement;
const setupToken = new URLSearchParams(location.hash.slice(1)).get('setup');

const MESSAGES: [RegExp, string][] = [
  [/wrong user name or password/, '用户名或密码错误'],
  [/too many failed sign-ins/, '登录失败次数过多，请稍后再试'],
  [/set-up is already done/, '初始设置已完成，请登录'],
  [/set-up link is not valid/, '设置链接无效'],
  [/password must be at least/, '密码太短'],
];

function show(message: string): void {
  const zh = MESSAGES.find(([re]) => re.test(message))?.[1];
  error.textContent = zh ? `${zh} · ${message}` : message;
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
      const answer = (await r.json().catch(() => ({}))) as { error?: string };
      show(answer.error ?? `HTTP ${r.status}`);
    })
    .catch((err: Error) => show(`无法连接服务器 · the server cannot be reached (${err.message})`))
    .finally(() => { button.disabled = false; });
});

// The set-up link pasted into a tab already showing this page changes only the hash: read it again.
window.addEventListener('hashchange', () => location.reload());
