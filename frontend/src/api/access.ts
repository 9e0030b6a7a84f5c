import * as svc from '../../wailsjs/go/backend/AccessService';
import { call } from './errors';
import type {
  AccessInput,
  AccessSessionView,
  CallPage,
  CallQuery,
  CustomerView,
  ExportResult,
  UsageReport,
  User,
  UserInput,
  UserUpdate,
} from './types';

/**
 * "Open account": signs in to the sub-account's customer application as a user, read-only,
 * ending any session open before. AppError invalid with fields.userId (no users, or not one of
 * its users) or fields.reason; not_found when the sub-account or user is gone.
 */
export function openAccess(input: AccessInput): Promise<AccessSessionView> {
  return call(() => svc.Open({ ...input }));
}

/** The customer's application of the open session; not_found once the session has ended. */
export function getCustomerView(sessionId: number): Promise<CustomerView> {
  return call(() => svc.View(sessionId));
}

/** The customer's Call Logs, one page; forbidden when the customer has no Call Logs. */
export function listCustomerCalls(sessionId: number, q: CallQuery): Promise<CallPage> {
  return call(() => svc.Calls(sessionId, { ...q }));
}

/** The customer's Reports page; forbidden when the customer has no Reports. */
export function getCustomerReport(sessionId: number): Promise<UsageReport> {
  return call(() => svc.Report(sessionId));
}

/**
 * "Export CSV" of the customer's Reports page to a file picked in the native save dialog;
 * cancelled when the dialog was closed; forbidden when the customer cannot export.
 */
export function exportCustomerReport(sessionId: number): Promise<ExportResult> {
  return call(() => svc.ExportReport(sessionId));
}

/** "Enable changes" with a reason (AppError invalid with fields.reason; conflict when already enabled). */
export function enableAccessChanges(sessionId: number, reason: string): Promise<AccessSessionView> {
  return call(() => svc.EnableChanges(sessionId, reason));
}

/** "Add user" in the customer's Users page: forbidden while read-only; field errors as createUser. */
export function addCustomerUser(sessionId: number, input: UserInput): Promise<User> {
  return call(() => svc.AddUser(sessionId, { ...input }));
}

/** "Update User" in the customer's Users page: forbidden while read-only; field errors as updateUser. */
export function updateCustomerUser(sessionId: number, userId: number, input: UserUpdate): Promise<User> {
  return call(() => svc.UpdateUser(sessionId, userId, { ...input }));
}

/** Ends the open session ("Back to List View"); nothing when none is open. */
export function closeAccess(): Promise<void> {
  return call(() => svc.Close());
}
