// Legend of the township colours (classes of the chosen indicator) and of the project markers.
import { Legend } from '../../ui/widgets/Legend.tsx';
import type { LayerDef } from '../../layers/types.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { legendClasses, NO_DATA } from '../choropleth.ts';
import { formatNumber, withUnit, type Indicator } from '../indicators.ts';
import { UI_TEXT } from '../../ui/i18n.ts';

export function ChoroplethLegend({ indicator, breaks, lang, projects }: { indicator: Indicator; breaks: number[]; lang: Lang; projects: LayerDef }) {
  const digits = Math.max(0, ...breaks.map((b) => (Number.isInteger(b) ? 0 : String(b).split('.')[1]?.length ?? 0)));
  const n = (v: number) => formatNumber(v, Math.min(digits, 3), lang);
  return (
    <section className="pub-legend" aria-label={UI_TEXT.legend[lang]} data-testid="legend">
      <h3>{withUnit(indicator.name[lang], indicator.unit[lang], lang)}</h3>
      <ul className="legend legend--classes">
        {legendClasses(indicator, breaks).map((c) => (
          <li key={c.colour + String(c.from)}>
            <span className="swatch" style={{ background: c.colour }} />
            <span>{c.from === null && c.to !== null ? `< ${n(c.to)}` : c.to === null && c.from !== null ? `≥ ${n(c.from)}` : c.from !== null && c.to !== null ? `${n(c.from)} – ${n(c.to)}` : '—'}</span>
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: NO_DATA }} />
          <span>{UI_TEXT.noData[lang]}</span>
        </li>
      </ul>
      <h3>{projects.name[lang]}</h3>
      <Legend layer={projects} />
      <p className="pub-note">{UI_TEXT.boundariesSynthetic[lang]}</p>
    </section>
  );
}
