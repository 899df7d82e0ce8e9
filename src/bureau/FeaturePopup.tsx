// Attribute popup for a clicked feature. Everything from data is rendered as React text nodes, never as HTML.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { keptFields } from '../core/inventory/normalise.ts';
import { codeNames } from '../core/inventory/code-names.ts';
import { valueName } from '../ui/value-names.ts';
import { STAND_SOURCE } from '../layers/registry.ts';
import type { PickedFeature } from '../map/MapView.tsx';
import { formatValue } from '../ui/format-value.ts';
import { UI_TEXT, useLang } from '../ui/i18n.ts';
import { FeatureZonal } from './FeatureZonal.tsx';
import { ProjectEditor } from './ProjectEditor.tsx';

export function FeaturePopup({ picked, map = null }: { picked: PickedFeature; map?: MapLibreMap | null }) {
  const lang = useLang();
  const { layer } = picked;
  // A project feature saved in the popup shows its new values at once (the map's copy is re-read in the background).
  const [properties, setProperties] = useState(picked.properties);
  useEffect(() => setProperties(picked.properties), [picked]);
  const title = properties[layer.popup.title];
  // An imported inventory keeps the fields the schema does not use (PINGJUN_NL, LD_QS …): listed under their own names.
  const extra = layer.source === STAND_SOURCE && 'land_class' in properties ? keptFields(properties) : [];
  // Coded values among them (三调 DLBM 0305, 公益林保护等级 2 …) with their names beside the code.
  const names = codeNames(Object.fromEntries(extra));
  return (
    <div className="feature-popup" data-testid="feature-popup" data-layer={layer.id}>
      <div className="feature-popup__layer">{layer.name[lang]}</div>
      <div className="feature-popup__title">{formatValue(title, 'text', lang)}</div>
      <table>
        <tbody>
          {layer.popup.fields.map((field) => (
            <tr key={field.key} data-field={field.key}>
              <th scope="row">{field.label[lang]}</th>
              <td>
                {formatValue(properties[field.key], field.format, lang)}
                {field.unit && properties[field.key] !== null && properties[field.key] !== undefined ? ` ${field.unit[lang]}` : ''}
              </td>
            </tr>
          ))}
          {extra.length > 0 && (
            <tr className="feature-popup__section"><th scope="colgroup" colSpan={2}>{UI_TEXT.otherFields[lang]}</th></tr>
          )}
          {extra.map(([key, value]) => (
            <tr key={`extra:${key}`} data-field={key} data-extra="true">
              <th scope="row">{key}</th>
              <td>{formatValue(value, 'text', lang)}{names[key] && <span className="feature-popup__code-name"> {valueName(names[key], lang)}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <FeatureZonal picked={picked} lang={lang} />
      <ProjectEditor key={`${layer.id}:${String(picked.properties.id ?? picked.properties.code)}`} picked={picked} map={map} lang={lang} onProps={setProperties} />
    </div>
  );
}
