import { describe, expect, it, vi } from 'vitest';
import { AppError, type ImportFile, type ImportPreview, type ImportProgress, type ImportRequest } from '../api';
import { ImportFlow, type ImportApi } from './imports.svelte';

const file: ImportFile = {
  path: '/tmp/clients.csv',
  fileName: 'clients.csv',
  separator: ';',
  columns: [
    { index: 0, header: 'Name', target: 'name', secret: false, note: '' },
    { index: 1, header: 'API key', target: '', secret: true, note: 'Holds secrets' },
  ],
  targets: [{ id: 'name', label: 'Name', group: 'Sub-account' }],
};
const preview: ImportPreview = {
  fileName: 'clients.csv',
  fingerprint: 'abc',
  rows: 2,
  valid: 1,
  invalid: 1,
  failures: [],
  needCredentials: 0,
  needCredentialsNames: [],
  users: 0,
  licenses: 0,
  ignored: [],
};

function fakeApi(over: Partial<ImportApi> = {}): ImportApi & { emit: (p: ImportProgress) => void } {
  let listener: ((p: ImportProgress) => void) | null = null;
  return {
    choose: vi.fn(() => Promise.resolve(file)),
    preview: vi.fn((_r: ImportRequest) => Promise.resolve(preview)),
    run: vi.fn((_r: ImportRequest) => {
      listener?.({ done: 1, total: 1 });
      return Promise.resolve({ fileName: 'clients.csv', created: 1, notImported: 1, failures: [], needCredentials: 0, stopped: false });
    }),
    onProgress: vi.fn((fn: (p: ImportProgress) => void) => {
      listener = fn;
      return () => (listener = null);
    }),
    emit: (p) => listener?.(p),
    ...over,
  };
}

describe('ImportFlow', () => {
  it('maps the columns as Go proposes, previews with that mapping and imports the previewed file', async () => {
    const api = fakeApi();
    const flow = new ImportFlow(api);
    await flow.choose();
    expect(flow.step).toBe('map');
    expect(flow.mapping).toEqual(['name', '']);
    await flow.check();
    expect(api.preview).toHaveBeenCalledWith({ path: '/tmp/clients.csv', mapping: ['name', ''], fingerprint: '' });
    expect(flow.step).toBe('preview');
    await flow.importValid();
    expect(api.run).toHaveBeenCalledWith({ path: '/tmp/clients.csv', mapping: ['name', ''], fingerprint: 'abc' });
    expect(flow.progress).toEqual({ done: 1, total: 1 });
    expect(flow.step).toBe('done');
    expect(flow.result?.created).toBe(1);
  });

  it('stays on choosing when the dialog is cancelled', async () => {
    const flow = new ImportFlow(fakeApi({ choose: vi.fn(() => Promise.resolve({ ...file, path: '', columns: [] })) }));
    await flow.choose();
    expect(flow.step).toBe('choose');
    expect(flow.file).toBeNull();
  });

  it("shows Go's refusal and goes back to the preview when the import is refused", async () => {
    const refused = new AppError('conflict', '“clients.csv” changed since its preview: preview it again.');
    const flow = new ImportFlow(fakeApi({ run: vi.fn(() => Promise.reject(refused)) }));
    await flow.choose();
    await flow.check();
    await flow.importValid();
    expect(flow.step).toBe('preview');
    expect(flow.error?.message).toContain('changed since its preview');
  });
});
