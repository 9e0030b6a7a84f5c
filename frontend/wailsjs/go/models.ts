export namespace backend {
	
	export enum AgentKind {
	    Agent = "agent",
	    Number = "number",
	}
	export enum BulkAction {
	    Enable = "enable",
	    Disable = "disable",
	    Delete = "delete",
	    Permissions = "permissions",
	    Offer = "offer",
	}
	export enum CallDirection {
	    In = "in",
	    Out = "out",
	    Web = "web",
	    Unknown = "unknown",
	}
	export enum CallStatus {
	    Completed = "completed",
	    NoAnswer = "no_answer",
	    Busy = "busy",
	    Failed = "failed",
	    Canceled = "canceled",
	    InProgress = "in_progress",
	    Unknown = "unknown",
	}
	export enum Code {
	    Invalid = "invalid",
	    NotFound = "not_found",
	    Conflict = "conflict",
	    Forbidden = "forbidden",
	    Unavailable = "unavailable",
	    Internal = "internal",
	    Keychain = "keychain",
	    Refused = "refused",
	}
	export enum ConnectionState {
	    Connected = "connected",
	    Invalid = "invalid",
	    NotVerified = "not_verified",
	}
	export enum EventName {
	    SyncProgress = "sync:progress",
	    SyncDone = "sync:done",
	    Export = "export:progress",
	    PermissionsProgress = "permissions:progress",
	    BulkProgress = "bulk:progress",
	    Import = "import:progress",
	    Keychain = "keychain:status",
	    AlreadyOpen = "app:already-open",
	}
	export enum LedgerKind {
	    GrantValidity = "grant_validity",
	    GrantFree = "grant_free",
	    GrantAddOn = "grant_addon",
	    CycleAllowance = "cycle_allowance",
	    Usage = "usage",
	    Expiry = "expiry",
	    Adjustment = "adjustment",
	}
	export enum LicenseHistorySort {
	    At = "at",
	    ValidUntil = "validUntil",
	    FreeMinutes = "freeMinutes",
	    AddOnMinutes = "addOnMinutes",
	    ResultingValidity = "resultingValidity",
	    Remarks = "remarks",
	    Actor = "actor",
	}
	export enum LicenseState {
	    OK = "ok",
	    Low = "low",
	    Expiring = "expiring",
	    Expired = "expired",
	}
	export enum LimitSource {
	    Provider = "provider",
	    Manual = "manual",
	}
	export enum PermissionState {
	    Shown = "shown",
	    Partial = "partial",
	    Hidden = "hidden",
	}
	export enum PlanInterval {
	    Month = "month",
	    Year = "year",
	}
	export enum Role {
	    Admin = "admin",
	    User = "user",
	}
	export enum SubAccountStatus {
	    Active = "active",
	    Inactive = "inactive",
	}
	export enum UserSort {
	    Name = "name",
	    Email = "email",
	    Role = "role",
	    TimeZone = "timeZone",
	    Created = "created",
	}
	export interface AboutInfo {
	    version: string;
	    platform: string;
	    dataDir: string;
	    database: string;
	    licence: string;
	    keychain: string;
	    keychainState: string;
	}
	export interface AccessInput {
	    subAccountId: number;
	    userId: number;
	    reason: string;
	}
	export interface AccessSessionView {
	    id: number;
	    subAccountId: number;
	    subAccountName: string;
	    inactive: boolean;
	    userId: number;
	    userName: string;
	    userEmail: string;
	    userRole: string;
	    userTimeZone: string;
	    admin: string;
	    reason: string;
	    startedAt: string;
	    changesAt: string;
	    changesReason: string;
	    endedAt: string;
	    readOnly: boolean;
	}
	export interface Agent {
	    id: number;
	    agentId: string;
	    kind: `${AgentKind}`;
	    name: string;
	    number: string;
	    prompt: string;
	    promptDigest: string;
	    ownerId: number;
	    ownerName: string;
	}
	export interface AgentAssignment {
	    subAccountId: number;
	    agentRowId: number;
	    ownerId: number;
	}
	export interface PoolSharer {
	    id: number;
	    name: string;
	}
	export interface AgentsView {
	    connected: boolean;
	    shared: boolean;
	    sharers: PoolSharer[];
	    agents: Agent[];
	    unassigned: number;
	    readAt: string;
	}
	export interface ListQuery {
	    search: string;
	    status: '' | `${SubAccountStatus}`;
	    provider: string;
	    sort: '' | `${db.SortKey}`;
	    desc: boolean;
	    offset: number;
	    limit: number;
	}
	export interface ApplyInput {
	    ids: number[];
	    all: boolean;
	    query: ListQuery;
	}
	export interface ApplyResult {
	    applied: number;
	    unchanged: number;
	}
	export interface AuditAction {
	    code: string;
	    label: string;
	}
	export interface AuditEntry {
	    id: number;
	    at: string;
	    actor: string;
	    asUser: string;
	    accessSessionId: number;
	    actorLabel: string;
	    action: string;
	    actionLabel: string;
	    subAccountId: number;
	    subAccountName: string;
	    subjectKind: string;
	    subjectId: string;
	    subjectName: string;
	    summary: string;
	}
	export interface AuditFacets {
	    actors: string[];
	    asUsers: string[];
	    actions: AuditAction[];
	}
	export interface AuditPage {
	    items: AuditEntry[];
	    total: number;
	    totalCapped: boolean;
	    hasOlder: boolean;
	    hasNewer: boolean;
	}
	export interface AuditQuery {
	    subAccountId: number;
	    search: string;
	    actor: string;
	    asUser: string;
	    action: string;
	    accessSessionId: number;
	    from: string;
	    to: string;
	    before: number;
	    after: number;
	    oldest: boolean;
	    limit: number;
	}
	export interface Selection {
	    ids: number[];
	    all: boolean;
	    query: ListQuery;
	}
	export interface BulkInput {
	    action: BulkAction;
	    selection: Selection;
	    sourceId: number;
	    planIds: number[];
	    confirmCount: number;
	}
	export interface BulkProgress {
	    action: BulkAction;
	    done: number;
	    total: number;
	}
	export interface BulkResult {
	    action: BulkAction;
	    total: number;
	    changed: number;
	    unchanged: number;
	    skipped: number;
	    cancelled: boolean;
	    failed: boolean;
	    message: string;
	}
	export interface Call {
	    id: number;
	    provider: string;
	    providerName: string;
	    providerCallId: string;
	    parentCallId: string;
	    agentId: string;
	    direction: `${CallDirection}`;
	    status: `${CallStatus}`;
	    statusLabel: string;
	    statusRaw: string;
	    from: string;
	    to: string;
	    startedAt: string;
	    endedAt: string;
	    durationSec: number;
	    costMicros: number;
	    currency: string;
	    cost: string;
	    exponent: number;
	    costNote: string;
	}
	export interface Money {
	    currency: string;
	    amountMinor: number;
	    amount: string;
	    exponent: number;
	}
	export interface CallTotals {
	    count: number;
	    minutes: number;
	    costs: Money[];
	}
	export interface CallPage {
	    items: Call[];
	    total: number;
	    totals: CallTotals;
	    offset: number;
	    limit: number;
	}
	export interface CallQuery {
	    subAccountId: number;
	    direction: '' | `${CallDirection}`;
	    status: '' | `${CallStatus}`;
	    fromDate: string;
	    toDate: string;
	    timeZone: string;
	    sort: '' | `${db.CallSortKey}`;
	    desc: boolean;
	    offset: number;
	    limit: number;
	}
	
	export interface ConcurrencyInput {
	    limit?: number | null;
	    outbound?: number | null;
	    poolName: string;
	}
	export interface PeakPoint {
	    day: string;
	    peak: number;
	}
	export interface PoolMember {
	    id: number;
	    name: string;
	    outbound: number;
	}
	export interface PoolView {
	    members: PoolMember[];
	    poolLimit?: number | null;
	    allocated: number;
	    available: number;
	    overBy: number;
	}
	export interface ConcurrencyView {
	    subAccountId: number;
	    provider: string;
	    providerName: string;
	    limit?: number | null;
	    limitSource: `${LimitSource}`;
	    limitFromApi: boolean;
	    outbound: number;
	    inboundReserved: number;
	    reserve: string;
	    providerInboundReserved: number;
	    poolName: string;
	    pool: PoolView;
	    sharesAccountWith: PoolSharer[];
	    peak7d: number;
	    peak30d: number;
	    peakSeries: PeakPoint[];
	    peakEmpty: string;
	    updatedAt: string;
	    notice?: string;
	}
	export interface SyncStatus {
	    state: 'on' | 'off' | 'paused';
	    summary: string;
	    reason: string;
	    resume: string;
	    resumeTab: '' | 'general' | 'provider';
	    canToggle: boolean;
	    canSyncNow: boolean;
	    syncNowReason: string;
	    intervalMinutes: number;
	}
	export interface Connection {
	    subAccountId: number;
	    provider: string;
	    providerName: string;
	    fields: {[key: string]: string};
	    secretHint: string;
	    state: '' | `${ConnectionState}`;
	    stateReason: string;
	    checkedAt: string;
	    autoSync: boolean;
	    syncPaused: boolean;
	    syncing: boolean;
	    lastSyncAt: string;
	    lastError: string;
	    callCount: number;
	    accepted: boolean;
	    reads: string;
	    sync: SyncStatus;
	}
	export interface CreateSubAccountInput {
	    name: string;
	}
	export interface Currency {
	    code: string;
	    name: string;
	    symbol: string;
	    exponent: number;
	}
	export interface CustomerAgent {
	    id: number;
	    name: string;
	    kind: `${AgentKind}`;
	    number: string;
	    prompt: string;
	    promptShown: boolean;
	}
	export interface UsageDay {
	    day: string;
	    calls: number;
	    minutes: number;
	}
	export interface LicenseView {
	    subAccountId: number;
	    licensed: boolean;
	    startedAt: string;
	    validUntil: string;
	    timeZone: string;
	    expired: boolean;
	    expiringSoon: boolean;
	    freePerCycle: number;
	    freeLeft: number;
	    addOnLeft: number;
	    minutesLeft: number;
	    usedThisCycle: number;
	    overage: number;
	    freeExpiresAt: string;
	    state: '' | `${LicenseState}`;
	    cycleFrom: string;
	    cycleUntil: string;
	    forecast: string;
	}
	export interface CustomerDashboard {
	    license: LicenseView;
	    from: string;
	    until: string;
	    callsThisCycle: number;
	    minutesUsed: number;
	    usage: UsageDay[];
	}
	export interface CustomerFeature {
	    key: string;
	    label: string;
	}
	export interface CustomerMenu {
	    key: string;
	    label: string;
	    features: CustomerFeature[];
	}
	export interface PreviewCard {
	    name: string;
	    price: string;
	    priceMinor: number;
	    currency: string;
	    exponent: number;
	    monthlyMinor: number;
	    overageMicros: number;
	    interval: PlanInterval;
	    intervalLabel: string;
	    monthlyEquivalent: string;
	    includedMinutes: string;
	    overage: string;
	    bullets: string[];
	    popular: boolean;
	}
	export interface PricingPreview {
	    visible: boolean;
	    message: string;
	    intervals: Array<`${PlanInterval}`>;
	    cards: PreviewCard[];
	}
	export interface User {
	    id: number;
	    subAccountId: number;
	    name: string;
	    email: string;
	    role: Role;
	    timeZone: string;
	    utcOffset: string;
	    localTime: string;
	    createdAt: string;
	}
	export interface CustomerView {
	    session: AccessSessionView;
	    nav: CustomerMenu[];
	    dashboard: CustomerDashboard;
	    agents: CustomerAgent[];
	    users: User[];
	    pricing: PricingPreview;
	    recordings: boolean;
	    transcripts: boolean;
	    reportsExport: boolean;
	}
	export interface CycleStatement {
	    cycle: number;
	    from: string;
	    until: string;
	    closed: boolean;
	    openingFree: number;
	    openingAddOn: number;
	    grantedFree: number;
	    grantedAddOn: number;
	    used: number;
	    usedLate: number;
	    expired: number;
	    overage: number;
	    closingFree: number;
	    closingAddOn: number;
	}
	export interface PermissionDefaultNode {
	    key: string;
	    label: string;
	    state: PermissionState;
	    children: PermissionDefaultNode[];
	}
	export interface DefaultsView {
	    nodes: PermissionDefaultNode[];
	    hidden: string[];
	}
	export interface PermissionChange {
	    key: string;
	    label: string;
	    from: PermissionState;
	    to: PermissionState;
	}
	export interface DriftRow {
	    subAccountId: number;
	    name: string;
	    version: number;
	    differences: PermissionChange[];
	}
	export interface DriftPage {
	    items: DriftRow[];
	    total: number;
	    offset: number;
	    limit: number;
	}
	export interface DriftQuery {
	    offset: number;
	    limit: number;
	}
	
	export interface Error {
	    code: Code;
	    message: string;
	    fields?: {[key: string]: string};
	}
	export interface ImportProgress {
	    done: number;
	    total: number;
	}
	export interface KeychainStatus {
	    checked: boolean;
	    available: boolean;
	    problem: string;
	    fix: string;
	}
	export interface PermissionProgress {
	    done: number;
	    total: number;
	}
	export interface ExportProgress {
	    written: number;
	    total: number;
	}
	export interface SyncProgress {
	    subAccountId: number;
	    run: number;
	    pages: number;
	    requests: number;
	    calls: number;
	    shared: number;
	    unassigned: number;
	    done: boolean;
	    error?: Error | null;
	}
	export interface EventPayloads {
	    syncProgress: SyncProgress;
	    export: ExportProgress;
	    permissionsProgress: PermissionProgress;
	    bulkProgress: BulkProgress;
	    keychain: KeychainStatus;
	    import: ImportProgress;
	    error: Error;
	}
	
	export interface ExportResult {
	    path: string;
	    rows: number;
	    cancelled: boolean;
	}
	export interface ImportColumn {
	    index: number;
	    header: string;
	    target: string;
	    secret: boolean;
	    note: string;
	}
	export interface ImportProblem {
	    column: string;
	    message: string;
	}
	export interface ImportFailure {
	    row: number;
	    name: string;
	    problems: ImportProblem[];
	}
	export interface ImportTarget {
	    id: string;
	    label: string;
	    group: string;
	}
	export interface ImportFile {
	    path: string;
	    fileName: string;
	    separator: string;
	    columns: ImportColumn[];
	    targets: ImportTarget[];
	}
	export interface ImportPreview {
	    fileName: string;
	    fingerprint: string;
	    rows: number;
	    valid: number;
	    invalid: number;
	    failures: ImportFailure[];
	    needCredentials: number;
	    needCredentialsNames: string[];
	    users: number;
	    licenses: number;
	    ignored: ImportColumn[];
	}
	
	
	export interface ImportRequest {
	    path: string;
	    mapping: string[];
	    fingerprint: string;
	}
	export interface ImportResult {
	    fileName: string;
	    created: number;
	    notImported: number;
	    failures: ImportFailure[];
	    needCredentials: number;
	    stopped: boolean;
	}
	
	
	export interface LedgerLine {
	    id: number;
	    at: string;
	    kind: `${LedgerKind}`;
	    cycle: number;
	    minutes: number;
	    fromFree: number;
	    fromExpired: number;
	    fromAddOn: number;
	    overage: number;
	    freeBalance: number;
	    addOnBalance: number;
	    balance: number;
	    calls: number;
	    text: string;
	    remarks: string;
	}
	export interface LedgerPage {
	    lines: LedgerLine[];
	    total: number;
	    offset: number;
	    limit: number;
	    timeZone: string;
	}
	export interface LedgerQuery {
	    subAccountId: number;
	    limit: number;
	    offset: number;
	}
	export interface LicenseAddition {
	    validUntil: string;
	    freeMinutes: number;
	    addOnMinutes: number;
	    remarks: string;
	}
	export interface LicenseGrantRow {
	    id: number;
	    at: string;
	    validUntil: string;
	    freeMinutes: number;
	    addOnMinutes: number;
	    resultingValidity: string;
	    remarks: string;
	    actor: string;
	}
	export interface LicenseHistoryPage {
	    items: LicenseGrantRow[];
	    total: number;
	}
	export interface LicenseHistoryQuery {
	    subAccountId: number;
	    sort: '' | `${LicenseHistorySort}`;
	    desc: boolean;
	    offset: number;
	    limit: number;
	}
	
	export interface SubAccount {
	    id: number;
	    name: string;
	    status: `${SubAccountStatus}`;
	    provider: string;
	    providerName: string;
	    lastLoginAt: string;
	    lastLoginVia: string;
	    customerLoginAt: string;
	    lastCallAt: string;
	    createdAt: string;
	    minutesLeft?: number | null;
	    licenseState: '' | `${LicenseState}`;
	}
	export interface ListPage {
	    items: SubAccount[];
	    total: number;
	    totalCapped: boolean;
	    offset: number;
	    limit: number;
	}
	
	
	export interface NavItem {
	    key: string;
	    label: string;
	    features: string[];
	    partial: boolean;
	}
	export interface OfferedPlan {
	    planId: number;
	    name: string;
	    version: number;
	    latestVersion: number;
	    custom: boolean;
	    archived: boolean;
	    popular: boolean;
	    priceMinor: number;
	    currency: string;
	    interval: PlanInterval;
	    includedMinutes: number;
	    overageMicros: number;
	    bullets: string[];
	    exponent: number;
	    price: string;
	    overage: string;
	    included: string;
	    monthlyEquivalent: string;
	    monthlyMinor: number;
	    oldTerms: boolean;
	}
	export interface OfferingSubAccount {
	    id: number;
	    name: string;
	    version: number;
	}
	
	
	
	export interface PermissionNode {
	    key: string;
	    label: string;
	    children: PermissionNode[];
	}
	export interface PermissionNodeState {
	    key: string;
	    label: string;
	    draft: PermissionState;
	    published: PermissionState;
	    children: PermissionNodeState[];
	}
	
	export interface PermissionVersion {
	    version: number;
	    publishedAt: number;
	    actor: string;
	    changes: PermissionChange[];
	}
	export interface PermissionView {
	    subAccountId: number;
	    nodes: PermissionNodeState[];
	    dirty: boolean;
	    version: number;
	    publishedAt: number;
	    publishedBy: string;
	    navDraft: NavItem[];
	    navPublished: NavItem[];
	}
	export interface Plan {
	    id: number;
	    name: string;
	    version: number;
	    priceMinor: number;
	    currency: string;
	    interval: PlanInterval;
	    includedMinutes: number;
	    overageMicros: number;
	    bullets: string[];
	    archived: boolean;
	    offeredBy: number;
	    offeredOldTerms: number;
	    exponent: number;
	    price: string;
	    overage: string;
	    included: string;
	    monthlyEquivalent: string;
	    monthlyMinor: number;
	}
	export interface PlanImpact {
	    planId: number;
	    offeredBy: OfferingSubAccount[];
	    count: number;
	    oldTerms: number;
	    message: string;
	}
	export interface PlanInput {
	    name: string;
	    priceMinor: number;
	    currency: string;
	    interval: PlanInterval;
	    includedMinutes: number;
	    overageMicros: number;
	    bullets: string[];
	}
	export interface PlanQuery {
	    includeArchived: boolean;
	}
	
	
	
	
	
	export interface PricingView {
	    subAccountId: number;
	    showPricing: boolean;
	    offered: OfferedPlan[];
	    available: Plan[];
	    currency: string;
	    preview: PricingPreview;
	}
	export interface Provider {
	    id: string;
	    name: string;
	}
	export interface ProviderField {
	    key: string;
	    label: string;
	    secret: boolean;
	    placeholder: string;
	    help: string;
	}
	export interface ProviderInfo {
	    id: string;
	    name: string;
	    portalUrl: string;
	    concurrencyFromApi: boolean;
	    reads: string;
	    fields: ProviderField[];
	}
	export interface PublishResult {
	    view: PermissionView;
	    published: boolean;
	    message: string;
	}
	export interface ReserveView {
	    inboundReserved: number;
	    text: string;
	}
	export interface SaveCredentialsInput {
	    provider: string;
	    fields: {[key: string]: string};
	    saveAnyway: boolean;
	}
	
	
	
	export interface SyncSettings {
	    intervalMinutes: number;
	}
	
	export interface TimeZone {
	    name: string;
	    label: string;
	    region: string;
	    offset: string;
	    localTime: string;
	}
	
	export interface UsageReport {
	    from: string;
	    timeZone: string;
	    days: UsageDay[];
	    calls: number;
	    minutes: number;
	}
	
	export interface UserInput {
	    subAccountId: number;
	    name: string;
	    email: string;
	    role: Role;
	    timeZone: string;
	}
	export interface UserPage {
	    items: User[];
	    total: number;
	}
	export interface UserQuery {
	    subAccountId: number;
	    search: string;
	    sort: '' | `${UserSort}`;
	    desc: boolean;
	    offset: number;
	    limit: number;
	}
	export interface UserUpdate {
	    name: string;
	    role: Role;
	    timeZone: string;
	}

}

export namespace db {
	
	export enum CallSortKey {
	    StartedAt = "startedAt",
	    Duration = "duration",
	    Cost = "cost",
	    Direction = "direction",
	    Status = "status",
	    From = "from",
	    To = "to",
	}
	export enum SortKey {
	    Name = "name",
	    Status = "status",
	    Provider = "provider",
	    LastLogin = "lastLogin",
	    LastCall = "lastCall",
	    Created = "created",
	    MinutesLeft = "minutesLeft",
	}

}

