// Layer panel grouped by theme: on/off, opacity and legend for every non-context registry layer.
import { LAYER_GROUPS } from '../layers/registry.ts';
import type { LayerDef } from '../layers/types.ts';
import type { LayerChoices } from '../map/layer-state.ts';
import { inParens, useLang, useT } from '../ui/i18n.ts';
import { Legend } from '../ui/widgets/Legend.tsx';

interface Props {
  layers: LayerDef[];
  choices: LayerChoices;
  onChange: (id: string, change: Partial<LayerChoices[string]>) => void;
  /** false for a bureau's release: notes that call a layer synthetic (note.sampleOnly) are not shown. */
  sampleData?: boolean;
}

export function LayerPanel({ layers, choices, onChange, sampleData = true }: Props) {
  const lang = useLang();
  const t = useT();
  return (
    <section className="layer-panel" aria-label={t('layers')}>
      <h2>{t('layers')}</h2>
      {LAYER_GROUPS.map((group) => {
        const members = layers.filter((l) => l.group === group.id && !l.context);
        if (members.length === 0) return null;
        return (
          <fieldset key={group.id} className="layer-group">
            <legend>{group.name[lang]}</legend>
            {members.map((layer) => {
              const choice = choices[layer.id];
              return (
                <div key={layer.id} className="layer-item" data-testid={`layer-${layer.id}`}>
                  <label className="layer-item__toggle">
                    <input type="checkbox" checked={choice.visible} onChange={(e) => onChange(layer.id, { visible: e.target.checked })} />
                    <span>{layer.name[lang]}</span>
                    {layer.note && (sampleData || !layer.note.sampleOnly) && <small className="layer-item__note" data-testid="layer-note">{inParens(layer.note[lang], lang)}</small>}
                  </label>
                  {choice.visible && (
                    <>
                      <label className="layer-item__opacity">
                        <span>{t('opacity')}</span>
                        <input type="range" min={0} max={100} value={Math.round(choice.opacity * 100)}
                          aria-label={`${t('opacity')} ${layer.name[lang]}`}
                          onChange={(e) => onChange(layer.id, { opacity: Number(e.target.value) / 100 })} />
                      </label>
                      <Legend layer={layer} />
                    </>
                  )}
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </section>
  );
}
