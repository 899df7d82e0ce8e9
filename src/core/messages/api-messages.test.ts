import { describe, expect, it } from 'vitest';
import { API_MESSAGES, apiMessageText, isApiMessageKey } from './api-messages.ts';

describe('API message catalogue', () => {
  it('fills slots as text in each language', () => {
    expect(apiMessageText('auth.tooManyFailures', { seconds: 30 }, 'zh')).toBe('登录失败次数过多，请 30 秒后再试');
    expect(apiMessageText('auth.tooManyFailures', { seconds: 30 }, 'en')).toBe('too many failed sign-ins; try again in 30 s');
    expect(apiMessageText('auth.tooManyFailures', {}, 'en')).toContain('{seconds}');
  });
  it('uses the same slots in both languages and Chinese text in zh', () => {
    for (const [key, t] of Object.entries(API_MESSAGES)) {
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(slots(t.zh), key).toEqual(slots(t.en));
      expect(/[\u4e00-\u9fff]/.test(t.zh), key).toBe(true);
    }
  });
  it('knows its keys', () => {
    expect(isApiMessageKey('auth.signInFirst')).toBe(true);
    expect(isApiMessageKey('toString')).toBe(false);
  });
});
