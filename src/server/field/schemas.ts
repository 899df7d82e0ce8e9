// The field routes' requests as TypeBox schemas: one declaration gives the route's validation and its TypeScript type.
// A report arrives as JSON or as multipart (the report JSON plus its photos), so its body is checked by the same schema
// compiled here (checkReportBody) rather than by the route; everything else is checked by Fastify before the handler.
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { MAX_PHOTOS, NOTE_MAX, PATCH_STATUSES, TEMPLATE_IDS } from '../../core/field/templates.ts';

// A union of string literals typed as the union of its values (a mapped array loses the literal types in TypeBox 1.x).
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));

/** Ids made on the phone (reports, photos): letters, digits, - and _; 8–64 characters (a UUID fits). */
export const ClientId = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' });
const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const PhotoMeta = Type.Object({
  id: ClientId,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  /** As read from the original's EXIF: "YYYY-MM-DD HH:MM:SS" with an optional offset. */
  taken_at: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  lon: Type.Optional(Nullable(Lon)),
  lat: Type.Optional(Nullable(Lat)),
}, { additionalProperties: false });

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });

export const BoundaryInput = Type.Object({
  geometry: Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position), { minItems: 1, maxItems: 1 }) }, { additionalProperties: false }),
  /** The reported accuracy (m) of each ring vertex but the closing one: the error estimate is recomputed from them. */
  accuracy_m: Type.Array(Type.Number({ minimum: 0, maximum: 10_000 })),
  threshold_m: Type.Number({ minimum: 0, maximum: 1000 }),
  rejected: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });

export const ReportBody = Type.Object({
  id: ClientId,
  template: literals(TEMPLATE_IDS),
  target: Type.Object({
    kind: literals(['patch', 'project', 'stand', 'none'] as const),
    layer: Type.Optional(Type.String({ maxLength: 40 })),
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  }, { additionalProperties: false }),
  task_id: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  values: Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: NOTE_MAX * 2 }), Type.Number(), Type.Null()])),
  boundary: Type.Optional(Nullable(BoundaryInput)),
  position: Type.Optional(Nullable(Type.Object({ lon: Lon, lat: Lat, accuracy: Type.Number({ minimum: 0, maximum: 100_000 }) }, { additionalProperties: false }))),
  photos: Type.Array(PhotoMeta, { maxItems: MAX_PHOTOS }),
  /** When it was made on the phone (ISO time). */
  made_at: Type.Optional(Type.String({ maxLength: 40 })),
  /** PUT only: the version this edit was made on. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });
export type ReportBody = Static<typeof ReportBody>;
export type BoundaryInput = Static<typeof BoundaryInput>;

const reportBodyCheck = Compile(ReportBody);

/** A validator's message without the regular expression it quotes (whose {n} would read as a message slot). */
export function plainProblem(message: string): string {
  return message.replace(/must match pattern "[^"]*"/, 'is not in the expected form').replace(/[{}]/g, '');
}

/** The first problem of a report body as "/path: message", or null. */
export function checkReportBody(value: unknown): string | null {
  if (reportBodyCheck.Check(value)) return null;
  const [first] = reportBodyCheck.Errors(value);
  return first ? `${first.instancePath || '/'}: ${plainProblem(first.message)}` : 'not a report';
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const PhotoParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), photo: Type.String({ minLength: 1, maxLength: 64 }) });

const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const ReportQuery = Type.Object({
  status: Type.Optional(literals(['submitted', 'accepted', 'returned'] as const)),
  author: Type.Optional(Type.String({ maxLength: 40 })),
  /** The same as author (the person who filed it). */
  person: Type.Optional(Type.String({ maxLength: 40 })),
  township: Type.Optional(Type.String({ pattern: '^\\d{9}$' })),
  template: Type.Optional(literals(TEMPLATE_IDS)),
  target: Type.Optional(Type.String({ maxLength: 120 })),
  task: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  /** Received on this day (UTC): the same as from = to = date. */
  date: Type.Optional(DateText),
  /** Only the signed-in user's own reports. */
  mine: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type ReportQuery = Static<typeof ReportQuery>;

export const ReviewBody = Type.Object({
  decision: literals(['accept', 'return'] as const),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
  version: Type.Integer({ minimum: 1 }),
}, { additionalProperties: false });

export const TaskBody = Type.Object({
  target: Type.Object({
    kind: literals(['patch', 'project'] as const),
    layer: Type.Optional(Type.String({ maxLength: 40 })),
    id: Type.String({ minLength: 1, maxLength: 120 }),
  }, { additionalProperties: false }),
  assignee: Type.String({ minLength: 1, maxLength: 40 }),
  due: Type.Optional(Nullable(DateText)),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type TaskBody = Static<typeof TaskBody>;

export const TaskPatchBody = Type.Object({
  status: Type.Optional(literals(['open', 'cancelled'] as const)),
  assignee: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  due: Type.Optional(Nullable(DateText)),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false, minProperties: 1 });
export type TaskPatchBody = Static<typeof TaskPatchBody>;

export const TaskQuery = Type.Object({
  /** A user name, or "me". */
  assignee: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(literals(['open', 'done', 'cancelled', 'all'] as const)),
  township: Type.Optional(Type.String({ pattern: '^\\d{9}$' })),
}, { additionalProperties: false });
export type TaskQuery = Static<typeof TaskQuery>;

export const PatchQuery = Type.Object({
  township: Type.Optional(Type.String({ pattern: '^\\d{9}$' })),
  status: Type.Optional(literals(PATCH_STATUSES)),
  /** geojson: a FeatureCollection of the 图斑 with their status in the properties, instead of {patches: […]}. */
  format: Type.Optional(literals(['json', 'geojson'] as const)),
}, { additionalProperties: false });

export const PatchStatusBody = Type.Object({
  status: literals(PATCH_STATUSES),
  comment: Type.String({ maxLength: 1000 }),
}, { additionalProperties: false });

export const OfflinePlanQuery = Type.Object({
  /** west,south,east,north in degrees. */
  bbox: Type.String({ maxLength: 120 }),
}, { additionalProperties: false });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })),
});
