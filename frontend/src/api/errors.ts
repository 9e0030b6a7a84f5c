import { backend } from '../../wailsjs/go/models';

/** The error codes Go sends (backend/errors.go), generated from Go. */
export type ErrorCode = `${backend.Code}`;

/** The generated enum of the codes, for a coded error as it comes on the wire (in an event). */
export const Code = backend.Code;
export type Code = backend.Code;

const CODES: ReadonlySet<string> = new Set<string>(Object.values(backend.Code));

/** A code this build knows; anything else from the wire is "internal". */
function knownCode(code: string): ErrorCode {
  return CODES.has(code) ? (code as ErrorCode) : 'internal';
}

/** Field name → message, as Go reports them (e.g. { name: 'Name must be …' }). */
export type FieldErrors = Record<string, string>;

const FALLBACK_MESSAGE = 'Something went wrong.';

/** The one error type the frontend sees: every rejected binding call becomes an AppError. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly fields: FieldErrors;

  constructor(code: ErrorCode, message: string, fields: FieldErrors = {}, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.fields = fields;
  }

  /** The message for one field, if Go named it. */
  field(name: string): string | undefined {
    return this.fields[name];
  }

  /** True when Go reported at least one field error. */
  get hasFields(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fromRecord(v: Record<string, unknown>, cause: unknown): AppError | null {
  const { code, message, fields } = v;
  if (typeof code !== 'string' || code === '' || typeof message !== 'string') return null;
  const clean: FieldErrors = {};
  if (isRecord(fields)) {
    for (const [k, msg] of Object.entries(fields)) {
      if (typeof msg === 'string') clean[k] = msg;
    }
  }
  return new AppError(knownCode(code), message, clean, { cause });
}

/**
 * Turns whatever a rejected Wails call carries into an AppError: the Go error as an object or as
 * a JSON string becomes its own code (or "internal" for a code this build does not know), message
 * and fields; anything else (Error, plain string, garbage) becomes code "internal".
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isRecord(err) && !(err instanceof Error)) {
    const e = fromRecord(err, err);
    if (e) return e;
  }
  if (typeof err === 'string') {
    const text = err.trim();
    if (text.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (isRecord(parsed)) {
          const e = fromRecord(parsed, err);
          if (e) return e;
        }
      } catch {
        // not JSON: fall through to a plain message
      }
    }
    return new AppError('internal', text || FALLBACK_MESSAGE, {}, { cause: err });
  }
  if (err instanceof Error) {
    return new AppError('internal', err.message || FALLBACK_MESSAGE, {}, { cause: err });
  }
  return new AppError('internal', FALLBACK_MESSAGE, {}, { cause: err });
}

/** Runs a binding call and rethrows any rejection (or synchronous throw) as an AppError. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toAppError(err);
  }
}
