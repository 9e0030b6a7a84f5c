// The boundary's types, generated from Go into wailsjs/go/models.ts: nothing here lists fields
// by hand. Go guarantees empty lists and maps as [] and {}; the only nulls are the fields it
// declares nullable (typed `?: T | null`: read them with `== null`).
import type { backend, db } from '../../wailsjs/go/models';

// ---- Sub-accounts (SubAccountService) ----

export type SubAccount = backend.SubAccount;
export type Provider = backend.Provider;
/** Query for SubAccountService.List. provider: "" = all, "none" = no provider, else a provider id. */
export type ListQuery = backend.ListQuery;
export type ListPage = backend.ListPage;
/** Columns the backend can sort sub-accounts by. */
export type SortKey = `${db.SortKey}`;
/** "" = all statuses. */
export type StatusFilter = ListQuery['status'];

// ---- Audit log (AuditService) ----

export type AuditEntry = backend.AuditEntry;
/**
 * Query for AuditService.List and ExportCSV, newest first, paged by keyset. Empty filters (0 for
 * ids) select everything: subAccountId, actor, asUser (an email, or "-" for the entries made
 * outside any Access Account session), action (a code), accessSessionId, from and to (RFC 3339
 * instants, the range [from, to)) and search.
 */
export type AuditQuery = backend.AuditQuery;
export type AuditPage = backend.AuditPage;
/** What the audit log's filters can take: the values that occur in it, each list sorted. */
export type AuditFacets = backend.AuditFacets;
/** An action code and its label. */
export type AuditAction = backend.AuditAction;

// ---- Provider connection and sync (ProviderService, SyncService) ----

export type ProviderInfo = backend.ProviderInfo;
export type ProviderField = backend.ProviderField;
export type Connection = backend.Connection;
/** Connection.state: "" = no provider. */
export type ConnectionState = Connection['state'];
/** What "Save Credentials" sends; a secret field left empty keeps the saved secret. */
export type SaveCredentialsInput = backend.SaveCredentialsInput;
export type SyncSettings = backend.SyncSettings;
/** A connection's call-log sync as Go decided it: on, off or paused, with what resumes it. */
export type SyncStatus = backend.SyncStatus;
export type KeychainStatus = backend.KeychainStatus;
/** The About dialog's facts (AboutService.Info). */
export type AboutInfo = backend.AboutInfo;
/** Payload of the sync events; error (a coded error) is set only when a finished sync failed. */
export type SyncProgress = backend.SyncProgress;

// ---- Agents of a provider account (AgentService) ----

/** An agent or phone number; ownerId 0 = assigned to nobody. */
export type Agent = backend.Agent;
/** shared: more than one sub-account is on the provider account (sharers, by id). */
export type AgentsView = backend.AgentsView;
export type AgentAssignment = backend.AgentAssignment;
export type PoolSharer = backend.PoolSharer;

// ---- Calls tab (CallService) ----

export type Call = backend.Call;
export type Money = backend.Money;
/** Query for CallService.List and ExportCSV: fromDate and toDate are days in timeZone, both included. */
export type CallQuery = backend.CallQuery;
export type CallTotals = backend.CallTotals;
export type CallPage = backend.CallPage;
/** CallQuery.direction: "" = all. */
export type CallDirection = CallQuery['direction'];
/** CallQuery.status, normalised across providers: "" = all. */
export type CallStatusFilter = CallQuery['status'];
/** Columns the backend can sort calls by. */
export type CallSortKey = `${db.CallSortKey}`;
/** Where an export went; cancelled when the person closed the save dialog (nothing written). */
export type ExportResult = backend.ExportResult;
/** Payload of the export progress event. */
export type ExportProgress = backend.ExportProgress;

// ---- Concurrent Call Limit (ConcurrencyService) ----

export type PoolMember = backend.PoolMember;
export type PeakPoint = backend.PeakPoint;
/** poolLimit null or absent: no member's limit is known. */
export type PoolView = backend.PoolView;
/** provider "" = none connected; limit null or absent = unknown. */
export type ConcurrencyView = backend.ConcurrencyView;
/** What "Save limits" sends; limit null = unknown. */
export type ConcurrencyInput = backend.ConcurrencyInput;
/** The inbound reserve for values as typed, and the sentence that says it. */
export type ReserveView = backend.ReserveView;

// ---- Permissions (PermissionService) ----

/** "shown", "partial" (a menu with some features hidden) or "hidden". */
export type PermissionState = `${backend.PermissionState}`;
export type PermissionNodeState = backend.PermissionNodeState;
export type NavItem = backend.NavItem;
export type PermissionView = backend.PermissionView;
export type PublishResult = backend.PublishResult;
export type PermissionChange = backend.PermissionChange;
export type PermissionVersion = backend.PermissionVersion;
export type PermissionDefaultNode = backend.PermissionDefaultNode;
export type DefaultsView = backend.DefaultsView;
export type DriftQuery = backend.DriftQuery;
export type DriftRow = backend.DriftRow;
export type DriftPage = backend.DriftPage;
/** ids, or all: true with the list filter query (its sort and page are ignored). */
export type ApplyInput = backend.ApplyInput;
export type ApplyResult = backend.ApplyResult;
/** Payload of the permissions progress event of a large batch. */
export type PermissionProgress = backend.PermissionProgress;

// ---- Plans and pricing (PlanService, PricingService) ----

/** A catalog plan at its newest version; price, overage, included and monthlyEquivalent are Go's text. */
export type Plan = backend.Plan;
/** Query for PlanService.List: archived plans only when includeArchived. */
export type PlanQuery = backend.PlanQuery;
/** What the plan form sends: priceMinor in minor units, overageMicros in millionths per minute. */
export type PlanInput = backend.PlanInput;
/** Who an edit of a plan concerns, and Go's sentence saying it. */
export type PlanImpact = backend.PlanImpact;
export type OfferingSubAccount = backend.OfferingSubAccount;
/** A currency a plan may be priced in: code, name, symbol, exponent (decimals of its minor unit). */
export type Currency = backend.Currency;
/** A plan a sub-account offers, at the version it offers (oldTerms: not the newest). */
export type OfferedPlan = backend.OfferedPlan;
export type PreviewCard = backend.PreviewCard;
/** The customer's pricing page: message says why it is empty when not visible. */
export type PricingPreview = backend.PricingPreview;
/** A sub-account's Pricing tab: offered in display order (first shown first), available to offer. */
export type PricingView = backend.PricingView;

// ---- Users of a sub-account (UserService) ----

/** utcOffset ("UTC−05:00") and localTime ("Mon 09:41") are in the user's own zone, now. */
export type User = backend.User;
/** Query for UserService.List: search matches name or email; limit 0 = 100. */
export type UserQuery = backend.UserQuery;
export type UserPage = backend.UserPage;
/** What "Add user" sends. */
export type UserInput = backend.UserInput;
/** What "Update User" sends: no email (it cannot change; see UserService.ReplaceEmail). */
export type UserUpdate = backend.UserUpdate;
/** An IANA zone: name "America/New_York", label "New York", region, offset and localTime now. */
export type TimeZone = backend.TimeZone;
/** Columns the backend can sort users by. */
export type UserSortKey = `${Exclude<UserQuery['sort'], ''>}`;

// ---- License of a sub-account (LicenseService) ----

/**
 * The License tab, computed in Go from the grants and the synced calls: times are RFC 3339 UTC
 * ("" none), shown in timeZone (the license's); licensed false = no grant yet; forecast is when the
 * minutes run out at the last 30 days' rate ("" none).
 */
export type LicenseView = backend.LicenseView;
/** What "Add to license" sends: validUntil a day (YYYY-MM-DD in the license zone) or ""; amounts ≥ 0. */
export type LicenseAddition = backend.LicenseAddition;
/** Query for LicenseService.History: limit 0 = Go's default. */
export type LicenseHistoryQuery = backend.LicenseHistoryQuery;
export type LicenseHistoryPage = backend.LicenseHistoryPage;
/** One addition: what it added, the validity it resulted in, its remarks and who made it. */
export type LicenseGrantRow = backend.LicenseGrantRow;
/** Columns the backend can sort the license history by. */
export type LicenseHistorySortKey = `${Exclude<LicenseHistoryQuery['sort'], ''>}`;
/** Go's verdict on a license's minutes and validity: "" = no license. */
export type LicenseState = '' | `${backend.LicenseState}`;
/** Query for LicenseService.Ledger, newest entry first: limit 0 = Go's default. */
export type LedgerQuery = backend.LedgerQuery;
/** One page of the minute ledger; its times show in timeZone (the license's). */
export type LedgerPage = backend.LedgerPage;
/**
 * One entry of the minute ledger: minutes signed (+ adds, − takes), balance (free + add-on) after
 * it, and text, Go's description of it in the license's zone.
 */
export type LedgerLine = backend.LedgerLine;
/** A cycle's statement: its span [from, until) and what it opened with, was granted, used and closed with. */
export type CycleStatement = backend.CycleStatement;

// ---- Access Account: the customer's view (AccessService) ----

/** What "Open account" sends: userId 0 = the sub-account's first Admin; reason optional. */
export type AccessInput = backend.AccessInput;
/**
 * One Access Account session: the real admin (OS user), the user signed in as, times in RFC 3339
 * UTC (endedAt "" while open); readOnly until "Enable changes"; inactive = its users cannot sign in.
 */
export type AccessSessionView = backend.AccessSessionView;
/** The customer's application as published: nav (only its menus, in order) and each page's data. */
export type CustomerView = backend.CustomerView;
/** A menu the customer has, with only its visible features. */
export type CustomerMenu = backend.CustomerMenu;
export type CustomerFeature = backend.CustomerFeature;
/** The customer's Dashboard: the license, and this cycle's calls and minutes (from/until say which days). */
export type CustomerDashboard = backend.CustomerDashboard;
/** An agent (or phone number) of the customer; prompt only when promptShown. */
export type CustomerAgent = backend.CustomerAgent;
/** One day of usage in the customer's zone: day "YYYY-MM-DD". */
export type UsageDay = backend.UsageDay;
/** The customer's Reports page: usage by day for the last 90 days, in timeZone, oldest first. */
export type UsageReport = backend.UsageReport;

// ---- Bulk actions on a selection, and the list export ----
/** Sub-accounts chosen by hand (ids), or all that a list query matches (all; its page is ignored). */
export type Selection = backend.Selection;
export type BulkInput = backend.BulkInput;
/** What a bulk run did; message says it in words ("Disabled 1,204; 3 were already inactive."). */
export type BulkResult = backend.BulkResult;
export type BulkProgress = backend.BulkProgress;
