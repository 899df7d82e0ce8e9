// An error the API answers with its status and `{ "error": message }` (plus optional fields, e.g. the current site on 409).
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}
