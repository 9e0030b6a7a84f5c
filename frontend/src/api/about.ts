import * as svc from '../../wailsjs/go/backend/AboutService';
import { call } from './errors';
import type { AboutInfo } from './types';

/** The version, data directory, licence and keychain in use, as Go knows them. */
export function getAbout(): Promise<AboutInfo> {
  return call(() => svc.Info());
}

/** Opens the data directory in the operating system's file manager. */
export function openDataDir(): Promise<void> {
  return call(() => svc.OpenDataDir());
}
