// The small builders the registry files declare their entries with (popup fields, units, categorical colours).
import type { ProjectEditRules } from '../core/plan/project-edit.ts';
import type { ColourRule, LayerNote, PopupField, Text } from './types.ts';

export const f = (key: string, zh: string, en: string, extra: Partial<PopupField> = {}): PopupField => ({ key, label: { zh, en }, ...extra });
export const unit = (zh: string, en: string): Text => ({ zh, en });

export function categorical(property: string, colours: Record<string, string>, fallback = '#9e9e9e'): ColourRule {
  return { kind: 'categorical', property, values: Object.entries(colours).map(([value, colour]) => ({ value, colour })), fallback };
}

/** Calls a layer synthetic: true of the sample data only, so a bureau's release (sample_data false) hides it. */
export const SYNTHETIC: LayerNote = { zh: '模拟数据', en: 'synthetic sample', sampleOnly: true };

/** The geometry a new polygon feature of an editable layer may have (`edit.geometry`). */
export const POLYGONS: ProjectEditRules['geometry'] = ['Polygon', 'MultiPolygon'];
