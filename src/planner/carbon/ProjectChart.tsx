// The cumulative net removals per crediting year with their 95 % band, and the annual net removals as bars: an SVG
// made of React elements (no markup strings), sized by its viewBox so it prints at any width.
import type { ProjectReport } from '../../core/projects/run.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { pt } from '../text.ts';

const W = 560, H = 220, L = 56, R = 10, T = 12, B = 28;

export function ProjectChart({ lang, report }: { lang: Lang; report: ProjectReport }) {
  const ys = report.years;
  if (!ys.length) return null;
  const hi = Math.max(1, ...ys.map((y) => y.cumulative_95[1]), ...ys.map((y) => y.cumulative_net_tCO2e));
  const lo = Math.min(0, ...ys.map((y) => y.cumulative_95[0]), ...ys.map((y) => y.net_tCO2e));
  const x = (t: number) => L + ((t - 0.5) / ys.length) * (W - L - R);
  const y = (v: number) => T + ((hi - v) / (hi - lo)) * (H - T - B);
  const band = [...ys.map((r) => `${x(r.t).toFixed(1)},${y(r.cumulative_95[1]).toFixed(1)}`), ...[...ys].reverse().map((r) => `${x(r.t).toFixed(1)},${y(r.cumulative_95[0]).toFixed(1)}`)].join(' ');
  const line = ys.map((r) => `${x(r.t).toFixed(1)},${y(r.cumulative_net_tCO2e).toFixed(1)}`).join(' ');
  const barW = Math.max(1, ((W - L - R) / ys.length) * 0.6);
  const ticks = [lo, lo + (hi - lo) / 2, hi];
  const fmt = (v: number) => Math.round(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
  return (
    <figure className="cp-chart" data-testid="cp-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={pt(lang, 'cpChart')} width="100%">
        <line x1={L} x2={W - R} y1={y(0)} y2={y(0)} stroke="#999" />
        {ticks.map((v) => (
          <g key={v}>
            <line x1={L - 4} x2={L} y1={y(v)} y2={y(v)} stroke="#666" />
            <text x={L - 6} y={y(v) + 4} fontSize="10" textAnchor="end">{fmt(v)}</text>
          </g>
        ))}
        {ys.map((r) => (
          <rect key={r.t} data-testid="cp-chart-bar" x={x(r.t) - barW / 2} width={barW} y={Math.min(y(0), y(r.net_tCO2e))} height={Math.abs(y(0) - y(r.net_tCO2e))} fill={r.net_tCO2e >= 0 ? '#9ecae1' : '#fc9272'} />
        ))}
        <polygon points={band} fill="#1b9e3e" fillOpacity="0.2" data-testid="cp-chart-band" />
        <polyline points={line} fill="none" stroke="#1b7837" strokeWidth="2" data-testid="cp-chart-line" />
        {ys.filter((r) => r.t === 1 || r.t % 5 === 0).map((r) => <text key={r.t} x={x(r.t)} y={H - 10} fontSize="10" textAnchor="middle">{r.year}</text>)}
        <text x={L} y={H - 0} fontSize="10">t CO₂e</text>
      </svg>
      <figcaption className="planner-small">{pt(lang, 'cpChart')} · <span style={{ color: '#3182bd' }}>▮</span> {pt(lang, 'cpChartAnnual')}</figcaption>
    </figure>
  );
}
