// The choropleth's indicator as a radio group: arrow keys move between options, the choice goes into the share link.
import type { Lang } from '../../ui/i18n-types.ts';
import { INDICATORS, type IndicatorId } from '../indicators.ts';
import { UI_TEXT } from '../../ui/i18n.ts';

export function IndicatorSwitch({ value, lang, onChange }: { value: IndicatorId; lang: Lang; onChange: (id: IndicatorId) => void }) {
  return (
    <fieldset className="indicator-switch" data-testid="indicator-switch">
      <legend>{UI_TEXT.indicator[lang]}</legend>
      {INDICATORS.map((ind) => (
        <label key={ind.id} className={ind.id === value ? 'is-active' : undefined}>
          <input type="radio" name="indicator" value={ind.id} checked={ind.id === value} onChange={() => onChange(ind.id)} data-testid={`indicator-${ind.id}`} />
          <span>{ind.name[lang]}</span>
        </label>
      ))}
    </fieldset>
  );
}
