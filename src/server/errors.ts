// An error the API answers with its status and `{ "error": message, "key": …, "params": {…} }` (plus optional fields,
// e.g. the current site on 409). Every error is keyed: `key` and `params` come from the one message catalogue
// (src/core/messages/api-messages.ts), so the pages show it in the UI language; `error` is the English text of the
// same entry, for scripts and logs. test/unit/server/errors.test.ts fails on a `new ApiError(` anywhere but here.
import { apiMessageText, type ApiMessageKey, type MessageParams } from '../core/messages/api-messages.ts';
import type { EditProblem } from '../core/plan/project-edit.ts';

export class ApiError extends Error {
  private constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }

  /** `{ error: <English text>, key, params, …extra }`. */
  static keyed(status: number, key: ApiMessageKey, params: MessageParams = {}, extra: Record<string, unknown> = {}): ApiError {
    return new ApiError(status, apiMessageText(key, params, 'en'), { key, params, ...extra });
  }

  /**
   * A refusal about one field: `{ error: "<field>: <reason>", key, params (with the field), field, reason }`, the
   * field and the English reason as the API has always given them.
   */
  static forField(status: number, field: string, key: ApiMessageKey, params: MessageParams = {}): ApiError {
    const all = { field, ...params };
    const reason = apiMessageText(key, all, 'en').replace(/^[\w ]+: /, '');
    return new ApiError(status, `${field}: ${reason}`, { key, params: all, field, reason });
  }
}

/** A rule of src/core/plan/project-edit.ts broken: 400 with the field, the reason and the key. */
export function problemError(p: EditProblem): ApiError {
  return ApiError.forField(400, p.field, p.key, p.params);
}

/** PostGIS's ST_IsValidReason ("Self-intersection[115.35 26.33]") → its key, with the place it names. */
const GEOS_REASONS: [RegExp, ApiMessageKey][] = [
  [/^Ring Self-intersection/i, 'geometry.ringSelfIntersection'],
  [/^Self-intersection/i, 'geometry.selfIntersection'],
  [/^Too few points/i, 'geometry.tooFewPoints'],
  [/^Hole lies outside shell/i, 'geometry.holeOutside'],
  [/^Holes are nested/i, 'geometry.nestedHoles'],
  [/^Interior is disconnected/i, 'geometry.disconnectedInterior'],
  [/^Nested shells/i, 'geometry.nestedShells'],
  [/^Duplicate Rings/i, 'geometry.duplicateRings'],
  [/^Invalid Coordinate/i, 'geometry.invalidCoordinate'],
  [/^Ring is not closed/i, 'geometry.ringNotClosed'],
];

/** 400 for a geometry PostGIS finds invalid, keyed by its reason (`forField`: with the field, as project edits answer). */
export function geosError(why: string | null | undefined, opts: { field?: string } = {}): ApiError {
  const text = why ?? 'unknown reason';
  const at = /\[([-\d.e]+) ([-\d.e]+)\]/.exec(text);
  const place = at ? `${Number(Number(at[1]).toFixed(6))}, ${Number(Number(at[2]).toFixed(6))}` : '—';
  const key = GEOS_REASONS.find(([re]) => re.test(text))?.[1] ?? 'geometry.invalidOther';
  const params: MessageParams = key === 'geometry.invalidOther' ? { detail: text } : { at: place };
  return opts.field ? ApiError.forField(400, opts.field, key, params) : ApiError.keyed(400, key, params);
}
