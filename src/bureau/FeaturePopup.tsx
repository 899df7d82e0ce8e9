// Attribute popup for a clicked feature. Everything from data is rendered as React text nodes, never as HTML.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { PickedFeature } from '../map/MapView.tsx';
import { formatValue } from '../ui/format-value.ts';
import { useLang } from '../ui/i18n.ts';
import { ProjectEditor } from './ProjectEditor.tsx';

export function FeaturePopup({ picked, map = null }: { picked: PickedFeature; map?: MapLibreMap | null }) {
  const lang = useLang();
  const { layer, properties } = picked;
  const title = properties[layer.popup.title];
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
        </tbody>
      </table>
      <ProjectEditor key={`${layer.id}:${String(properties.id ?? properties.code)}`} picked={picked} map={map} lang={lang} />
    </div>
  );
}
