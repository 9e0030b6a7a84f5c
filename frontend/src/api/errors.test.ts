import { describe, expect, it } from 'vitest';
import { AppError, call, toAppError } from './errors';

describe('toAppError', () => {
  it('keeps a Go error object', () => {
    const e = toAppError({
      code: 'conflict',
      message: 'A sub-account named “Acme” already exists.',
      fields: { name: 'A sub-account named “Acme” already exists.' },
    });
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('conflict');
    expect(e.message).toBe('A sub-account named “Acme” already exists.');
    expect(e.field('name')).toBe('A sub-account named “Acme” already exists.');
    expect(e.hasFields).toBe(true);
  });

  it('parses a Go error sent as a JSON string', () => {
    const e = toAppError('{"code":"invalid","message":"Check the name.","fields":{"name":"Name must be 2 to 80 characters long."}}');
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('Check the name.');
    expect(e.fields).toEqual({ name: 'Name must be 2 to 80 characters long.' });
  });

  it('has no fields when Go sent none', () => {
    const e = toAppError({ code: 'not_found', message: 'Sub-account not found.' });
    expect(e.code).toBe('not_found');
    expect(e.fields).toEqual({});
    expect(e.hasFields).toBe(false);
  });

  it('turns a code this build does not know into internal, keeping the message and fields', () => {
    const e = toAppError({ code: 'quota_exceeded', message: 'Too many exports today.', fields: { limit: 'At most 10.' } });
    expect(e.code).toBe('internal');
    expect(e.message).toBe('Too many exports today.');
    expect(e.field('limit')).toBe('At most 10.');
    expect(toAppError('{"code":"teapot","message":"Short and stout."}')).toMatchObject({
      code: 'internal',
      message: 'Short and stout.',
    });
  });

  it.each(['invalid', 'not_found', 'conflict', 'forbidden', 'unavailable', 'internal', 'keychain'])(
    'keeps the generated code %s',
    (code) => {
      expect(toAppError({ code, message: 'x' }).code).toBe(code);
    },
  );

  it('drops field values that are not strings', () => {
    const e = toAppError({ code: 'invalid', message: 'x', fields: { name: 'bad', n: 3, o: {} } });
    expect(e.fields).toEqual({ name: 'bad' });
  });

  it('turns an Error into internal', () => {
    const cause = new TypeError("Cannot read properties of undefined (reading 'backend')");
    const e = toAppError(cause);
    expect(e.code).toBe('internal');
    expect(e.message).toBe(cause.message);
    expect(e.cause).toBe(cause);
  });

  it('turns a plain string into internal with that message', () => {
    const e = toAppError('database is locked');
    expect(e.code).toBe('internal');
    expect(e.message).toBe('database is locked');
  });

  it('treats JSON that is not a Go error as a plain string', () => {
    expect(toAppError('{"foo":1}')).toMatchObject({ code: 'internal', message: '{"foo":1}' });
    expect(toAppError('{not json')).toMatchObject({ code: 'internal', message: '{not json' });
  });

  it.each([[null], [undefined], [42], [''], [[1, 2]], [{ message: 'no code' }], [{ code: 5, message: 'x' }]])(
    'turns garbage %j into internal with a generic message',
    (garbage) => {
      const e = toAppError(garbage);
      expect(e.code).toBe('internal');
      expect(e.message).toBe('Something went wrong.');
    },
  );

  it('returns an AppError unchanged', () => {
    const e = new AppError('forbidden', 'No.');
    expect(toAppError(e)).toBe(e);
  });
});

describe('call', () => {
  it('passes results through', async () => {
    await expect(call(() => Promise.resolve(7))).resolves.toBe(7);
  });

  it('rejects with an AppError for a rejection', async () => {
    await expect(call(() => Promise.reject({ code: 'unavailable', message: 'Offline.' }))).rejects.toMatchObject({
      name: 'AppError',
      code: 'unavailable',
      message: 'Offline.',
    });
  });

  it('rejects with an AppError when the binding throws synchronously', async () => {
    const err = await call(() => {
      throw new Error('no bridge');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'internal', message: 'no bridge' });
  });
});
