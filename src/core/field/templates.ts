// Field report templates, declared as data: a report kind lists its fields, which are required, their choices and
// ranges. The field page builds its forms from these, the server checks reports against the same declarations
// (report-check.ts), and the exports take their columns from them. Labels are dictionary keys (the field page's section of the dictionary);
// choice values are stored as the Chinese data values, as the bureau's records are, and translated for display.
import { SPECIES } from '../inventory/schema.ts';

/**
 * The 监测图斑 statuses as stable ASCII keys (the API, the database and the pages use these; the labels are
 * dictionary keys `patchStatus.<key>`): pending = 待核查 (the release's status), verified_true = 已核查·属实,
 * verified_false = 已核查·不属实, legal = 合法 (the change is real and approved).
 */
export const PATCH_STATUSES = ['pending', 'verified_true', 'verified_false', 'legal'] as const;
export type PatchStatus = (typeof PATCH_STATUSES)[number];

/** Each status as the bureau's records write it (exports, the printed sheet, the release file's `status`). */
export const PATCH_STATUS_ZH: Record<PatchStatus, string> = {
  pending: '待核查',
  verified_true: '已核查·属实',
  verified_false: '已核查·不属实',
  legal: '合法',
};

/** A status as the release file writes it (Chinese, or already a key) as a key; anything else is pending. */
export function patchStatusKey(value: unknown): PatchStatus {
  if (typeof value !== 'string') return 'pending';
  if ((PATCH_STATUSES as readonly string[]).includes(value)) return value as PatchStatus;
  const found = PATCH_STATUSES.find((k) => PATCH_STATUS_ZH[k] === value);
  return found ?? 'pending';
}

/** What a field check finds about a 监测图斑: the change is real, is not real, or is real and lawful (approved). */
export const PATCH_VERDICTS = ['属实', '不属实', '合法'] as const;
export type PatchVerdict = (typeof PATCH_VERDICTS)[number];

/** The status an accepted 监测图斑核查 gives its 图斑. */
export const STATUS_OF_VERDICT: Record<PatchVerdict, PatchStatus> = {
  属实: 'verified_true',
  不属实: 'verified_false',
  合法: 'legal',
};

/** Causes of a change, as 森林督查 records name them (a real 图斑 has one; 其他 asks for a note). */
export const CHANGE_CAUSES = ['采伐', '建设占用', '开矿采石', '毁林开垦', '火灾', '病虫害', '自然灾害', '造林更新', '其他'] as const;

export type TargetKind = 'patch' | 'project' | 'stand' | 'none';

export type FieldKind =
  | 'choice' // one of `choices` (or, with choicesFrom, of the target project's status values)
  | 'text'
  | 'number'
  | 'year'
  | 'photos'
  | 'boundary'; // a walked boundary (Polygon), kept as the report's geometry

export interface TemplateField {
  id: string;
  kind: FieldKind;
  required?: boolean;
  /** Required only when another field has one of these values (e.g. the cause when the change is real). */
  requiredWhen?: { field: string; values: readonly string[] };
  choices?: readonly string[];
  /** The choices are the status values of the target's project layer (src/core/plan/project-edit.ts). */
  choicesFrom?: 'project-status';
  min?: number;
  max?: number;
  /** Decimal places kept (numbers). */
  digits?: number;
  /** Display unit of a number: the dictionary key of its unit. */
  unit?: 'mu' | 'm' | 'cm' | 'ratio';
  maxLength?: number;
  /** photos: how many at least (when required) and at most. */
  minPhotos?: number;
  maxPhotos?: number;
}

export interface ReportTemplate {
  /** Stored with the report; the dictionary key of its name is `template.<id>`. */
  id: TemplateId;
  target: TargetKind;
  fields: readonly TemplateField[];
}

export const TEMPLATE_IDS = ['patch-check', 'project-progress', 'stand-survey'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export const MAX_PHOTOS = 8;
export const NOTE_MAX = 2000;

export const REPORT_TEMPLATES: readonly ReportTemplate[] = [
  {
    // 监测图斑核查: is the change the 图斑 shows real, why, and how large is it on the ground.
    id: 'patch-check',
    target: 'patch',
    fields: [
      { id: 'verdict', kind: 'choice', required: true, choices: PATCH_VERDICTS },
      { id: 'cause', kind: 'choice', choices: CHANGE_CAUSES, requiredWhen: { field: 'verdict', values: ['属实', '合法'] } },
      { id: 'verified_area_mu', kind: 'number', min: 0, max: 100_000, digits: 2, unit: 'mu' },
      { id: 'boundary', kind: 'boundary' },
      { id: 'photos', kind: 'photos', required: true, minPhotos: 1, maxPhotos: MAX_PHOTOS },
      { id: 'notes', kind: 'text', maxLength: NOTE_MAX },
    ],
  },
  {
    // 项目进度核查: the project's status and year as seen on site, with photos as evidence.
    id: 'project-progress',
    target: 'project',
    fields: [
      { id: 'status', kind: 'choice', required: true, choicesFrom: 'project-status' },
      { id: 'year', kind: 'year', min: 2000, max: 2060 },
      { id: 'photos', kind: 'photos', required: true, minPhotos: 1, maxPhotos: MAX_PHOTOS },
      { id: 'notes', kind: 'text', maxLength: NOTE_MAX },
    ],
  },
  {
    // 小班调查: the stand's dominant species, canopy density, mean height and DBH as measured.
    id: 'stand-survey',
    target: 'stand',
    fields: [
      { id: 'species', kind: 'choice', required: true, choices: SPECIES },
      { id: 'canopy', kind: 'number', required: true, min: 0, max: 1, digits: 2, unit: 'ratio' },
      { id: 'height_m', kind: 'number', min: 0, max: 80, digits: 1, unit: 'm' },
      { id: 'dbh_cm', kind: 'number', min: 0, max: 300, digits: 1, unit: 'cm' },
      { id: 'boundary', kind: 'boundary' },
      { id: 'photos', kind: 'photos', maxPhotos: MAX_PHOTOS },
      { id: 'notes', kind: 'text', maxLength: NOTE_MAX },
    ],
  },
];

export function templateOf(id: unknown): ReportTemplate | undefined {
  return REPORT_TEMPLATES.find((t) => t.id === id);
}

/** The template a task of this target kind is reported with. */
export function templateForTarget(kind: 'patch' | 'project'): TemplateId {
  return kind === 'patch' ? 'patch-check' : 'project-progress';
}
