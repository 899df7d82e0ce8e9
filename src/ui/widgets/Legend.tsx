// Legend swatches for one registry layer, derived from its style (so the legend can never disagree with the map).
import type { ColourRule, LayerDef, StepsRule } from '../../layers/types.ts';
import type { Lang } from '../i18n-types.ts';
import { useLang } from '../i18n.ts';
import { valueName } from '../value-names.ts';

function ruleOf(layer: LayerDef): ColourRule | undefined {
  const s = layer.style;
  return s.fill ?? s.lineColour ?? s.circleColour ?? (s.outline ? { kind: 'single', colour: s.outline } : undefined);
}

/** One swatch per class of a numeric channel: "< 10", "10 – 20", "≥ 20" (the classes colourExpression draws). */
export function stepEntries(rule: StepsRule, lang: Lang): { colour: string; text: string }[] {
  const n = (v: number) => v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  return rule.colours.map((colour, k) => {
    const from = k === 0 ? null : rule.breaks[k - 1];
    const to = k === rule.breaks.length ? null : rule.breaks[k];
    const text = from === null && to === null ? '' : from === null ? `< ${n(to!)}` : to === null ? `≥ ${n(from)}` : `${n(from)} – ${n(to)}`;
    return { colour, text };
  });
}

/** A continuous raster's ramp as a CSS gradient, low to high (the colours the tiles are drawn with, web-tile.ts). */
export function rampGradient(colours: readonly string[]): string {
  return `linear-gradient(to right, ${colours.join(', ')})`;
}

/** A raster layer's legend: one swatch per class, or the colour ramp between its two end values. */
function RasterLegend({ layer, lang }: { layer: LayerDef; lang: Lang }) {
  const r = layer.raster!;
  const n = (v: number) => v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 });
  if (r.kind === 'categorical' && r.classes) {
    return (
      <ul className="legend" data-testid={`legend-${layer.id}`}>
        {r.classes.map((c) => (
          <li key={c.value} data-value={c.value}>
            <span className="swatch swatch--box" style={{ background: c.colour }} />
            <span>{c.name[lang]}</span>
          </li>
        ))}
      </ul>
    );
  }
  if (r.kind === 'continuous' && r.ramp) {
    return (
      <div className="legend legend--ramp" data-testid={`legend-${layer.id}`}>
        <span data-testid="ramp-min">{n(r.ramp.min)}</span>
        <span className="legend__ramp" style={{ background: rampGradient(r.ramp.colours) }} />
        <span data-testid="ramp-max">{n(r.ramp.max)}</span>
      </div>
    );
  }
  return null;
}

export function Legend({ layer }: { layer: LayerDef }) {
  const lang = useLang();
  if (layer.raster) return <RasterLegend layer={layer} lang={lang} />;
  const rule = ruleOf(layer);
  if (!rule) return null;
  const shape = layer.geometry === 'point' ? 'dot' : layer.geometry === 'line' ? 'line' : layer.style.fill ? 'box' : 'outline';
  const entries =
    rule.kind === 'single'
      ? [{ colour: rule.colour, text: layer.name[lang] }]
      : rule.kind === 'steps'
      ? stepEntries(rule, lang)
      : rule.values.map((v) => ({ colour: v.colour, text: v.label?.[lang] ?? valueName(typeof v.value === 'number' ? `${v.value}` : v.value, lang) + (rule.property === 'voltage_kv' ? ' kV' : '') }));
  return (
    <ul className="legend" data-testid={`legend-${layer.id}`}>
      {entries.map((e) => (
        <li key={e.text + e.colour}>
          <span className={`swatch swatch--${shape}`} style={shape === 'outline' ? { borderColor: e.colour } : { background: e.colour }} />
          <span>{e.text}</span>
        </li>
      ))}
    </ul>
  );
}
