import { describe, expect, it } from 'vitest';
import { formatShareHash, parseShareState, sharedIndicator } from './share-state.ts';

describe('share links', () => {
  it('round-trips indicator, view and language', () => {
    const s = { view: { center: [115.35678, 26.41234] as [number, number], zoom: 10.25 }, layers: ['sink'], selected: null, sites: [], lang: 'en' as const };
    const hash = formatShareHash(s);
    expect(hash).toBe('#indicator=sink&map=10.25/26.41234/115.35678&lang=en');
    expect(parseShareState(hash)).toEqual(s);
  });

  it('ignores broken or unknown parts instead of failing', () => {
    expect(parseShareState('#indicator=nope&map=abc/1&lang=fr')).toEqual({ view: null, layers: ['coverage'], selected: null, sites: [], lang: 'zh' });
    expect(parseShareState('', 'en')).toEqual({ view: null, layers: ['coverage'], selected: null, sites: [], lang: 'en' });
    expect(parseShareState('#map=30/26/115').view).toBeNull();
    expect(sharedIndicator(parseShareState('#indicator=upgrade'))).toBe('upgrade');
  });
});
