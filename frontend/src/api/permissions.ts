import * as svc from '../../wailsjs/go/backend/PermissionService';
import { call } from './errors';
import type {
  ApplyInput,
  ApplyResult,
  DefaultsView,
  DriftPage,
  DriftQuery,
  PermissionVersion,
  PermissionView,
  PublishResult,
} from './types';

/** The permission tree of a sub-account: its draft and published states, and the navigation each makes. */
export function getPermissions(subAccountId: number): Promise<PermissionView> {
  return call(() => svc.Get(subAccountId));
}

/** Shows or hides a menu (with its features) or one feature in the draft. */
export function setPermissionVisible(subAccountId: number, key: string, visible: boolean): Promise<PermissionView> {
  return call(() => svc.SetVisible(subAccountId, key, visible));
}

/** "Discard changes": the draft goes back to the published version. */
export function discardPermissions(subAccountId: number): Promise<PermissionView> {
  return call(() => svc.Discard(subAccountId));
}

/** "Save & Publish": the draft becomes a new published version (a no-op with a message when unchanged). */
export function publishPermissions(subAccountId: number): Promise<PublishResult> {
  return call(() => svc.Publish(subAccountId));
}

/** The published versions, newest first, each with what it changed. */
export function permissionHistory(subAccountId: number): Promise<PermissionVersion[]> {
  return call(() => svc.History(subAccountId));
}

/** Publishes this sub-account's published set to others (ids, or all that match a list filter). */
export function applyPermissionsToOthers(subAccountId: number, input: ApplyInput): Promise<ApplyResult> {
  return call(() => svc.ApplyToOthers(subAccountId, { ...input }));
}

/** The agency's default permission set, which new sub-accounts start from. */
export function permissionDefaults(): Promise<DefaultsView> {
  return call(() => svc.Defaults());
}

/** Shows or hides a node in the agency default set (saved at once, audited). */
export function setDefaultVisible(key: string, visible: boolean): Promise<DefaultsView> {
  return call(() => svc.SetDefaultVisible(key, visible));
}

/** The sub-accounts whose published set differs from the default, with the differences. */
export function permissionDrift(query: DriftQuery): Promise<DriftPage> {
  return call(() => svc.Drift({ ...query }));
}

/** "Align with default": publishes the default set to these sub-accounts. */
export function alignWithDefault(ids: number[]): Promise<ApplyResult> {
  return call(() => svc.AlignWithDefault(ids));
}
