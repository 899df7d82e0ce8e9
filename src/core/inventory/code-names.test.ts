import { describe, expect, it } from 'vitest';
import { codeName, codeNames } from './code-names.ts';

describe('inventory codes by name', () => {
  it('names the coded fields of a 二类 stand (DI_LEI 0132, QI_YUAN 11, LING_ZU 3, DLBM 0305, GJGYL_BHDJ 2)', () => {
    expect(codeNames({ DI_LEI: '0132', QI_YUAN: '11', LING_ZU: '3', DLBM: '0305', GJGYL_BHDJ: '2', YOU_SHI_SZ: '灌木', LIN_BAN: 3 })).toEqual({
      DI_LEI: '其他灌木林地', QI_YUAN: '天然', LING_ZU: '近熟林', DLBM: '灌木林地', GJGYL_BHDJ: '二级',
    });
  });
  it('reads the fields under their other spellings and as numbers (PING_JUN style, 起源 as 21)', () => {
    expect(codeNames({ 地类: 111, 起源: 21, YSSZ: '220000' })).toEqual({ 地类: '乔木林', 起源: '人工', YSSZ: '杉木' });
  });
  it('gives no name to a name, an unknown code or a field that is not coded', () => {
    expect(codeNames({ DI_LEI: '乔木林地', QI_YUAN: '99', XIAO_BAN: '0132' })).toEqual({});
    expect(codeName('land', '0199')).toBeNull();
    expect(codeName('species', '123456')).toBeNull();
  });
});
