// The server's messages as keys with parameters. The API answers `{ "error": <English text>, "key": <key>,
// "params": {…} }`; the pages show the text for `key` in the UI language, so no server message reaches the Chinese UI
// in English. One catalogue for both languages and both sides (server and pages), pure data: the server fills the
// English text from it, the pages the Chinese (or English) one. Keys are `<resource>.<what>`.
import type { Lang } from '../geo/units.ts';
import { FIELD_MESSAGES } from './field-messages.ts';

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
  // Field work (issue 26): its own section.
  ...FIELD_MESSAGES,
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
