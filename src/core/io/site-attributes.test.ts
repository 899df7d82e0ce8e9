import { describe, expect, it } from 'vitest';
import { carriedAttributes } from './site-attributes.ts';

describe('carriedAttributes', () => {
  it('takes the name from 名称, MC or NAME and the note from 备注 or BZ', () => {
    expect(carriedAttributes({ MC: '高兴镇造林地', BZ: '春季' }, 'zh')).toMatchObject({ name: '高兴镇造林地', note: '春季' });
    expect(carriedAttributes({ 名称: '油茶林', 备注: '已复核' }, 'zh')).toMatchObject({ name: '油茶林', note: '已复核' });
    expect(carriedAttributes({ NAME: 'Plot A', Remark: 'x' }, 'en')).toMatchObject({ name: 'Plot A', note: 'x' });
  });
  it('names an inventory stand by its compartment and stand numbers', () => {
    expect(carriedAttributes({ LIN_BAN: '12', XIAO_BAN: '017', YOU_SHI_SZ: '杉木' }, 'zh').name).toBe('12 林班 017 小班');
    expect(carriedAttributes({ XIAO_BAN: 17 }, 'en').name).toBe('stand 17');
  });
  it('keeps every attribute with a value and skips empty names', () => {
    const c = carriedAttributes({ MC: '  ', NAME: 'B', YOU_SHI_SZ: '杉木', AREA: 12.5, EMPTY: null }, 'zh');
    expect(c.name).toBe('B');
    expect(c.attributes).toEqual({ NAME: 'B', YOU_SHI_SZ: '杉木', AREA: '12.5' });
    expect(carriedAttributes({}, 'zh').name).toBeNull();
  });
});
