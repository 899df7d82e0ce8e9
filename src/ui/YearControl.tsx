// The year control shared by the bureau map and the public page: a slider from 2020 to 2030 (accessible name 年份 /
// Year; arrows, Page Up/Down, Home/End move it), a play/pause button stepping one year at a time and stopping at the
// last year, and — after the data's as-of year — the legend entry 规划 and a note that carbon figures are projections.
import { useEffect, useRef, useState } from 'react';
import { DATA_AS_OF_YEAR, FIRST_YEAR, isProjection, LAST_YEAR } from '../core/plan/years.ts';
import type { Lang } from './i18n-types.ts';
import './year-control.css';

const TEXT = {
  year: { zh: '年份', en: 'Year' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  planned: { zh: '规划', en: 'Planned' },
  asOf: { zh: '现状', en: 'as recorded' },
  projection: { zh: '{year}年以后为规划与预测：斜线为规划项目，碳汇为生长模型预测值', en: 'After {year}: plan and projection — hatched = planned, carbon = growth-model projection' },
} as const;

interface Props {
  year: number;
  onChange: (year: number) => void;
  lang: Lang;
  asOfYear?: number;
  /** Time between steps while playing (ms). */
  stepMs?: number;
}

export function YearControl({ year, onChange, lang, asOfYear = DATA_AS_OF_YEAR, stepMs = 1200 }: Props) {
  const [playing, setPlaying] = useState(false);
  const latest = useRef({ year, onChange });
  latest.current = { year, onChange };

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const { year: y, onChange: set } = latest.current;
      if (y >= LAST_YEAR) return setPlaying(false);
      set(y + 1);
      if (y + 1 >= LAST_YEAR) setPlaying(false);
    }, stepMs);
    return () => clearInterval(timer);
  }, [playing, stepMs]);

  const togglePlay = () => {
    if (playing) return setPlaying(false);
    // Playing from the last year starts again at the first.
    if (year >= LAST_YEAR) onChange(FIRST_YEAR);
    setPlaying(true);
  };
  const projection = isProjection(year, asOfYear);
  const yearText = lang === 'zh' ? `${year}年` : String(year);

  return (
    <div className={`year-control${projection ? ' year-control--projection' : ''}`} data-testid="year-control" data-year={year} data-playing={playing}>
      <button type="button" className="year-control__play" data-testid="year-play" aria-pressed={playing} onClick={togglePlay}>
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? TEXT.pause[lang] : TEXT.play[lang]}
      </button>
      <label className="year-control__slider">
        <span className="year-control__label">{TEXT.year[lang]}</span>
        <input
          type="range" min={FIRST_YEAR} max={LAST_YEAR} step={1} value={year} data-testid="year-slider"
          aria-label={TEXT.year[lang]} aria-valuetext={yearText}
          onChange={(e) => {
            setPlaying(false);
            onChange(Number(e.target.value));
          }}
        />
      </label>
      <output className="year-control__value" data-testid="year-value" aria-live="polite">
        {yearText}{!projection && year === asOfYear ? ` · ${TEXT.asOf[lang]}` : ''}
      </output>
      {projection && (
        <p className="year-control__note" data-testid="year-projection">
          <span className="year-control__swatch" aria-hidden="true" /> <strong>{TEXT.planned[lang]}</strong>{' '}
          {TEXT.projection[lang].replace('{year}', String(asOfYear))}
        </p>
      )}
    </div>
  );
}
