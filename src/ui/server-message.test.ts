import { describe, expect, it } from 'vitest';
import { errorText, ServerError, serverMessage } from './server-message.ts';

describe('server messages in the UI language', () => {
  it('shows the key’s text with fields, values and layers named in the language', () => {
    const body = { error: 'year: required when status is 已修复', key: 'project.yearRequiredWhenDone', params: { field: 'year', statusField: 'status', done: '已修复' } };
    expect(serverMessage(400, body, 'zh')).toBe('状态为“已修复”时须填写年份');
    expect(serverMessage(400, body, 'en')).toBe('year: required when status is Restored');
    expect(serverMessage(400, { key: 'project.statusInvalid', params: { field: 'status', values: '规划, 在建, 并网' } }, 'zh')).toBe('状态须为以下之一：规划、在建、并网');
    expect(serverMessage(404, { key: 'project.noFeature', params: { id: 'x', layer: 'mines' } }, 'zh')).toBe('图层 矿山生态修复 中没有要素“x”');
    expect(serverMessage(400, { key: 'site.typeInvalid', params: { types: '光伏, 风电' } }, 'en')).toBe('type must be one of PV, Wind');
  });
  it('falls back to the English text, then to the status, for an answer without a known key', () => {
    expect(serverMessage(502, { error: 'Bad Gateway' }, 'zh')).toBe('Bad Gateway');
    expect(serverMessage(502, { key: 'no.such.key', error: 'x' }, 'zh')).toBe('x');
    expect(serverMessage(502, null, 'zh')).toBe('HTTP 502');
  });
  it('keeps the answer so it can be shown again in the other language; a network failure is said in the language', () => {
    const e = new ServerError(401, { error: 'sign in first', key: 'auth.signInFirst', params: {} });
    expect(e.text('zh')).toBe('请先登录');
    expect(e.message).toBe('sign in first');
    expect(e.key).toBe('auth.signInFirst');
    expect(errorText(new TypeError('Failed to fetch'), 'zh')).toBe('无法连接服务器');
  });
});
