// The server's messages as keys with parameters. The API answers `{ "error": <English text>, "key": <key>,
// "params": {…} }`; the pages show the text for `key` in the UI language, so no server message reaches the Chinese UI
// in English. One catalogue for both languages and both sides (server and pages), pure data: the server fills the
// English text from it, the pages the Chinese (or English) one. Keys are `<resource>.<what>`.
import type { Lang } from '../geo/units.ts';

export interface MessageText {
  zh: string;
  en: string;
}

export type MessageParams = Readonly<Record<string, string | number>>;

export const API_MESSAGES = {
  'request.notFound': { zh: '没有这个地址：{method} {path}', en: 'not found: {method} {path}' },
  'request.internal': { zh: '服务器内部错误，请稍后再试', en: 'internal server error' },
  'request.bodyTooLarge': { zh: '请求太大：最多 {max} 字节', en: 'request body is too large: at most {max} bytes' },
  'request.notJson': { zh: '请以 JSON 发送请求（Content-Type: application/json）', en: 'send the request body as JSON (Content-Type: application/json)' },
  'auth.signInFirst': { zh: '请先登录', en: 'sign in first' },
  'auth.csrf': { zh: '页面已过期，请刷新后重试', en: 'missing or wrong x-csrf-token header (reload the page and try again)' },
  'auth.wrongPassword': { zh: '用户名或密码错误', en: 'wrong user name or password' },
  'auth.tooManyFailures': { zh: '登录失败次数过多，请 {seconds} 秒后再试', en: 'too many failed sign-ins; try again in {seconds} s' },
  'auth.sendCredentials': { zh: '请填写用户名和密码', en: 'send { "username": …, "password": … }' },
  'auth.accountLocked': {
    zh: '此账号登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试，或请编辑在“用户管理”中解除锁定',
    en: 'too many failed sign-ins for this account; try again in {minutes} min, or ask an editor to lift the lock (user administration)',
  },
  'auth.addressLocked': {
    zh: '来自此网络地址的登录失败次数过多，请 {minutes} 分钟后再试，或请编辑在“用户管理”中解除锁定',
    en: 'too many failed sign-ins from this network address; try again in {minutes} min, or ask an editor to lift the lock (user administration)',
  },
  'auth.disabled': { zh: '此账号已停用，请联系编辑', en: 'this account is disabled; ask an editor' },
  // User administration (editors) and each user's own password: src/server/users.ts, account-routes.ts.
  'users.editorsOnly': { zh: '只有编辑可以管理用户', en: 'only editors manage accounts' },
  'users.body': { zh: '请求内容不正确：应为 {expected}', en: 'send {expected}' },
  'users.nameRequired': { zh: '请填写用户名', en: 'username is required' },
  'users.nameInvalid': { zh: '用户名只能包含文字、数字和 . _ -，最多 {max} 个字符', en: 'username may hold only letters, digits, "." "_" "-", at most {max} characters' },
  'users.roleInvalid': { zh: '角色必须是 {roles} 之一', en: 'role must be one of {roles}' },
  'users.exists': { zh: '用户“{username}”已存在（用户名不区分大小写）', en: 'user "{username}" already exists (names are case-insensitive)' },
  'users.notFound': { zh: '没有用户“{username}”', en: 'no user "{username}"' },
  'users.passwordRequired': { zh: '请填写密码', en: 'password is required' },
  'users.passwordTooShort': { zh: '密码至少 {min} 个字符', en: 'password must be at least {min} characters' },
  'users.passwordTooLong': { zh: '密码最多 {max} 个字符', en: 'password must be at most {max} characters' },
  'users.wrongOldPassword': { zh: '当前密码不正确', en: 'the current password is wrong' },
  'users.lastEditor': {
    zh: '“{username}”是最后一个启用的编辑，不能停用或改为其他角色；请先让另一位用户成为编辑',
    en: '"{username}" is the last enabled editor and cannot be disabled or given another role; make someone else an editor first',
  },
  'users.notYourself': { zh: '不能停用或重置自己的账号；修改自己的密码请用“修改密码”', en: 'you cannot disable or reset your own account; change your own password under "Change password"' },
  'users.addressInvalid': { zh: '网络地址格式不正确', en: 'not a network address' },
  // One-time set-up links (the first editor, a new account, a reset): src/server/setup-links.ts.
  'setup.badLink': { zh: '设置链接无效，请使用编辑提供的完整链接', en: 'this set-up link is not valid (use the whole link you were given)' },
  'setup.linkUsed': { zh: '此设置链接已使用过，请直接登录；如忘记密码，请编辑重新生成链接', en: 'this set-up link has been used; sign in, or ask an editor for a new link' },
  'setup.linkExpired': { zh: '此设置链接已过期，请编辑重新生成', en: 'this set-up link has expired; ask an editor for a new one' },
  'setup.done': { zh: '初始设置已完成：请登录，或请编辑人员为你开设账号', en: 'set-up is already done: sign in, or ask an editor for an account' },
} as const satisfies Record<string, MessageText>;

export type ApiMessageKey = keyof typeof API_MESSAGES;

export function isApiMessageKey(key: unknown): key is ApiMessageKey {
  return typeof key === 'string' && Object.hasOwn(API_MESSAGES, key);
}

/**
 * The message for `key` in `lang`, its {slots} filled with the parameters as plain text (callers render it as text,
 * never as HTML). An unknown slot stays visible as {name} so a missing parameter is noticed, not hidden.
 */
export function apiMessageText(key: ApiMessageKey, params: MessageParams = {}, lang: Lang = 'en'): string {
  return API_MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
