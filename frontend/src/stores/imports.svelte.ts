import {
  AppError,
  chooseImportFile,
  onImportProgress,
  previewImport,
  runImport,
  toAppError,
  type ImportFile,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
} from '../api';

/** The steps of an import: choose a file, map its columns, read the preview, import. */
export type ImportStep = 'choose' | 'map' | 'preview' | 'importing' | 'done';

/** The api calls the flow makes (tests pass fakes). */
export interface ImportApi {
  choose: typeof chooseImportFile;
  preview: typeof previewImport;
  run: typeof runImport;
  onProgress: typeof onImportProgress;
}

const realApi: ImportApi = { choose: chooseImportFile, preview: previewImport, run: runImport, onProgress: onImportProgress };

/** One import, from choosing the file to Go's report. Every rule is Go's: this only holds state. */
export class ImportFlow {
  step = $state<ImportStep>('choose');
  file = $state.raw<ImportFile | null>(null);
  /** One target per column of the file ("" leaves it unread). */
  mapping = $state<string[]>([]);
  preview = $state.raw<ImportPreview | null>(null);
  progress = $state.raw<ImportProgress | null>(null);
  result = $state.raw<ImportResult | null>(null);
  error = $state.raw<AppError | null>(null);
  busy = $state(false);

  constructor(private api: ImportApi = realApi) {}

  /** The native open dialog; on a file, the mapping step with Go's proposal. */
  async choose(): Promise<void> {
    await this.run(async () => {
      const f = await this.api.choose();
      if (f.path === '') return;
      this.file = f;
      this.mapping = f.columns.map((c) => c.target);
      this.preview = null;
      this.step = 'map';
    });
  }

  /** Every row checked by Go under the mapping. */
  async check(): Promise<void> {
    const f = this.file;
    if (!f) return;
    await this.run(async () => {
      this.preview = await this.api.preview({ path: f.path, mapping: [...this.mapping], fingerprint: '' });
      this.step = 'preview';
    });
  }

  /** "Import the valid rows": the file as previewed, with a progress bar from Go's events. */
  async importValid(): Promise<void> {
    const f = this.file;
    const p = this.preview;
    if (!f || !p) return;
    this.step = 'importing';
    this.progress = null;
    const stop = this.api.onProgress((pr) => (this.progress = pr));
    try {
      await this.run(async () => {
        this.result = await this.api.run({ path: f.path, mapping: [...this.mapping], fingerprint: p.fingerprint });
        this.step = 'done';
      });
      if (!this.result) this.step = 'preview';
    } finally {
      stop();
    }
  }

  /** "Fix the file first": back to choosing a file. */
  reset(): void {
    this.step = 'choose';
    this.file = null;
    this.mapping = [];
    this.preview = null;
    this.result = null;
    this.error = null;
  }

  private async run(fn: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await fn();
    } catch (e) {
      this.error = toAppError(e);
    } finally {
      this.busy = false;
    }
  }
}
