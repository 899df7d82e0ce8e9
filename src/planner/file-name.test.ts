import { describe, expect, it } from 'vitest';
import { fileBase } from './file-name.ts';

describe('fileBase: a download name from a site name', () => {
  it('keeps Chinese and ordinary characters', () => {
    expect(fileBase('光伏候选A')).toBe('光伏候选A');
  });
  it('replaces path separators, reserved characters and whitespace', () => {
    expect(fileBase('../a\\b:c*d?e"f<g>h|i j')).toBe('a_b_c_d_e_f_g_h_i_j');
  });
  it('removes control, bidi and zero-width characters that could disguise an extension', () => {
    const name = fileBase('\u202E<img src=x>gnp.exe');
    expect(name).toBe('img_src=x_gnp.exe');
    expect(fileBase('a\u0001\u200Bb\u2066c\uFEFF')).toBe('a_b_c');
  });
  it('falls back when nothing usable is left, and caps the length', () => {
    expect(fileBase('..')).toBe('site');
    expect(fileBase('\u200B\u202E')).toBe('site');
    expect(fileBase('林'.repeat(300))).toHaveLength(80);
  });
});
