/** Machine-readable codes of the HTTP API's error responses. */
export type HttpErrorCode =
  | 'not_found'
  | 'forbidden_host'
  | 'overloaded'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'invalid_encoding'
  | 'incomplete_body'
  | 'malformed_json'
  | 'invalid_query'
  | 'invalid_request'
  | 'image_refused'
  | 'no_text'
  | 'ocr_unavailable'
  | 'internal_error';

/** One problem with a request field. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `source.platform`; empty for the body itself. */
  field: string;
  message: string;
}

/** An error the HTTP API answers with: status, code, a clear message and, for schema errors, the fields. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: HttpErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: HttpErrorCode, message: string, extra: { issues?: FieldIssue[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.issues = extra.issues;
    this.headers = extra.headers ?? {};
  }

  /** The JSON body sent to the client. */
  toJson(): { error: { code: HttpErrorCode; message: string; field?: string; issues?: FieldIssue[] } } {
    const first = this.issues?.[0];
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(first ? { field: first.field, issues: this.issues } : {}),
      },
    };
  }
}
