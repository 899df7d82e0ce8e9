// An error the API answers with its status and `{ "error": message }` (plus optional fields, e.g. the current site on 409).
// A keyed error (ApiError.keyed) also carries `key` and `params` from the one message catalogue
// (src/core/messages/api-messages.ts), so the pages can show it in the UI language.
import { apiMessageText, type ApiMessageKey, type MessageParams } from '../core/messages/api-messages.ts';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }

  /** `{ error: <English text>, key, params, …extra }`. */
  static keyed(status: number, key: ApiMessageKey, params: MessageParams = {}, extra: Record<string, unknown> = {}): ApiError {
    return new ApiError(status, apiMessageText(key, params, 'en'), { key, params, ...extra });
  }
}
