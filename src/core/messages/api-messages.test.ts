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

describe('every server message in Chinese', () => {
  // Technical names both languages write the same way (a header, a media type, a unit, a format).
  const ALLOWED = /^(JSON|Content-Type|application|json|HTTP|GeoJSON|ISO)$/;
  it('has no English words in its Chinese text, whatever the parameters', () => {
    for (const key of Object.keys(API_MESSAGES) as (keyof typeof API_MESSAGES)[]) {
      const zh = apiMessageText(key, { field: 'restored_year', statusField: 'status', fields: 'restored_year,status', geometryType: 'Polygon', geometryTypes: 'Point, Polygon', want: 'Polygon / MultiPolygon', got: 'Point' }, 'zh');
      const words = (zh.replace(/\{\w+\}/g, '').match(/[A-Za-z][A-Za-z-]{2,}/g) ?? []).filter((w) => !ALLOWED.test(w));
      expect(words, `${key}: ${zh}`).toEqual([]);
    }
  });
  it('names fields and geometry types in the language', () => {
    expect(apiMessageText('site.fieldMarkup', { field: 'name' }, 'zh')).toBe('名称不能包含“<”或“>”（名称和备注中不允许标记）');
    expect(apiMessageText('project.yearOnlyWhenDone', { statusField: 'restoration', done: '已完成', status: '规划' }, 'zh')).toBe('只有修复为“已完成”时才填写年份（现为“规划”）');
    expect(apiMessageText('geometry.wrongKind', { want: 'Polygon / MultiPolygon', got: 'Point' }, 'zh')).toBe('该图层只接受 多边形 / 多部分多边形，收到的是 点');
    expect(apiMessageText('geometry.wrongKind', { want: 'Polygon / MultiPolygon', got: 'Point' }, 'en')).toBe('this layer takes Polygon / MultiPolygon, not Point');
  });
});
