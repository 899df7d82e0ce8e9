import { describe, expect, it } from 'vitest';
import { formatShareHash, parseShareState } from './share-state.ts';

describe('share links', () => {
  it('round-trips indicator, view and language', () => {
    const s = { indicator: 'sink' as const, lang: 'en' as const, view: { zoom: 10.25, lat: 26.41234, lon: 115.35678 } };
    const hash = formatShareHash(s);
    expect(hash).toBe('#indicator=sink&map=10.25/26.41234/115.35678&lang=en');
    expect(parseShareState(hash)).toEqual(s);
  });

  it('ignores broken or unknown parts instead of failing', () => {
    expect(parseShareState('#indicator=nope&map=abc/1&lang=fr')).toEqual({ indicator: 'coverage', lang: 'zh', view: null });
    expect(parseShareState('', 'en')).toEqual({ indicator: 'coverage', lang: 'en', view: null });
    expect(parseShareState('#map=30/26/115').view).toBeNull();
    expect(parseShareState('#indicator=upgrade').indicator).toBe('upgrade');
  });
});
