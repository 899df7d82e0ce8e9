// Checks a report's values against its template (templates.ts): required fields, choices, ranges, text rules, the
// number of photos and, for a project check, the project layer's own edit rules. The field page runs it before a
// report is queued and the server runs it again on arrival; a problem names the field and a message key of the one
// catalogue (src/core/messages/field-messages.ts), so both sides say the same thing in either language.
import type { Geometry } from 'geojson';
import { checkGeometry, countPositions } from '../geo/validate.ts';
import { applyProjectEdit, type ProjectLayerDef } from '../plan/project-edit.ts';
import type { FieldMessageKey } from '../messages/field-messages.ts';
import type { ReportTemplate, TemplateField } from './templates.ts';

export type ReportValue = string | number | null;

export interface ReportProblem {
  field: string;
  key: FieldMessageKey;
  params: Record<string, string | number>;
}

export interface CheckContext {
  /** The project layer of a project-progress report's target (its status values and year rule). */
  projectLayer?: ProjectLayerDef;
  /** How many photos the report carries. */
  photoCount: number;
  /** The walked boundary, when the report has one. */
  boundary?: Geometry | null;
}

/** Control characters and markup are refused in text, as everywhere in the app (pages render text, never HTML). */
const TEXT_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/;
export const BOUNDARY_MAX_VERTICES = 50_000;

const problem = (field: string, key: FieldMessageKey, params: Record<string, string | number> = {}): ReportProblem => ({ field, key, params: { field, ...params } });

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** The choices a field offers for this report (a project check's status comes from the target's layer). */
export function fieldChoices(field: TemplateField, projectLayer?: ProjectLayerDef): readonly string[] {
  if (field.choicesFrom === 'project-status') return projectLayer?.status?.values ?? [];
  return field.choices ?? [];
}

/** Whether a field must be filled, given the other values. */
export function isRequired(field: TemplateField, values: Readonly<Record<string, unknown>>): boolean {
  if (field.required) return true;
  if (field.requiredWhen) return field.requiredWhen.values.includes(String(values[field.requiredWhen.field] ?? ''));
  return false;
}

function checkValue(field: TemplateField, v: unknown, ctx: CheckContext): ReportProblem | null {
  switch (field.kind) {
    case 'choice': {
      const choices = fieldChoices(field, ctx.projectLayer);
      if (typeof v !== 'string' || !choices.includes(v)) return problem(field.id, 'field.report.choice', { choices: choices.join(' / ') });
      return null;
    }
    case 'number':
    case 'year': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return problem(field.id, 'field.report.notNumber');
      if (field.kind === 'year' && !Number.isInteger(v)) return problem(field.id, 'field.report.notNumber');
      if ((field.min !== undefined && v < field.min) || (field.max !== undefined && v > field.max)) {
        return problem(field.id, 'field.report.range', { min: field.min ?? '−∞', max: field.max ?? '∞' });
      }
      return null;
    }
    case 'text': {
      if (typeof v !== 'string') return problem(field.id, 'field.report.notText');
      if (v.length > (field.maxLength ?? 2000)) return problem(field.id, 'field.report.tooLong', { max: field.maxLength ?? 2000 });
      if (TEXT_BAD.test(v)) return problem(field.id, 'field.report.textChars');
      return null;
    }
    default:
      return null;
  }
}

/**
 * The first problem of a report's values, or null. `values` holds the plain fields (choices, numbers, text); photos and
 * the boundary travel beside them and are counted/checked through `ctx`.
 */
export function checkReportValues(template: ReportTemplate, values: Readonly<Record<string, unknown>>, ctx: CheckContext): ReportProblem | null {
  const plain = template.fields.filter((f) => f.kind !== 'photos' && f.kind !== 'boundary');
  const unknown = Object.keys(values).find((k) => !plain.some((f) => f.id === k));
  if (unknown) return problem(unknown, 'field.report.unknownField', { template: template.id });
  for (const field of template.fields) {
    if (field.kind === 'photos') {
      const min = field.required ? field.minPhotos ?? 1 : 0;
      if (ctx.photoCount < min) return problem(field.id, 'field.report.photosMin', { min });
      if (ctx.photoCount > (field.maxPhotos ?? 8)) return problem(field.id, 'field.report.photosMax', { max: field.maxPhotos ?? 8 });
      continue;
    }
    if (field.kind === 'boundary') {
      if (!ctx.boundary) {
        if (isRequired(field, values)) return problem(field.id, 'field.report.required');
        continue;
      }
      const b = boundaryProblem(ctx.boundary);
      if (b) return problem(field.id, 'field.report.boundary', { detail: b });
      continue;
    }
    const v = values[field.id];
    if (isEmpty(v)) {
      if (isRequired(field, values)) return problem(field.id, 'field.report.required');
      continue;
    }
    const p = checkValue(field, v, ctx);
    if (p) return p;
  }
  if (template.target === 'project' && ctx.projectLayer) {
    // The project's own rules (a completion year goes with the done status …), so an editor's acceptance can apply it.
    const edit = projectEditOf(values, ctx.projectLayer);
    const start: Record<string, unknown> = {};
    const r = applyProjectEdit(ctx.projectLayer, start, edit);
    if ('problem' in r) return problem(r.problem.field, 'field.report.projectRule', { reason: r.problem.reason });
  }
  return null;
}

/** The project edit (API field names of PATCH /api/projects) a project-progress report asks for. */
export function projectEditOf(values: Readonly<Record<string, unknown>>, layer: ProjectLayerDef): Record<string, unknown> {
  const edit: Record<string, unknown> = {};
  if (layer.status && typeof values.status === 'string') edit.status = values.status;
  if (layer.year) edit.year = typeof values.year === 'number' ? values.year : null;
  return edit;
}

/** Why a walked boundary cannot be kept (not a polygon, too many vertices, crossing itself), or null. */
export function boundaryProblem(g: Geometry): string | null {
  if (g.type !== 'Polygon') return `a Polygon is expected, not ${g.type}`;
  if (countPositions(g) > BOUNDARY_MAX_VERTICES) return `more than ${BOUNDARY_MAX_VERTICES} vertices`;
  const checked = checkGeometry(g);
  return checked.error ?? null;
}
