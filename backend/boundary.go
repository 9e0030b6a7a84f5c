package backend

import (
	"switchboard/backend/provider"
	"switchboard/db"
)

// The boundary's enums, for the binding generator (options.App.EnumBind):
// the TypeScript types of these values come from here and nowhere else.
// Each list names every value of its type; a test checks the lists against
// the constants and the sort specs.

// EventName names an event the backend sends to the window.
type EventName string

// Event names.
const (
	EventSyncProgress EventName = "sync:progress"
	EventSyncDone     EventName = "sync:done"
	EventExport       EventName = "export:progress"
	// EventPermissionsProgress carries a PermissionProgress of a large
	// ApplyToOthers or AlignWithDefault.
	EventPermissionsProgress EventName = "permissions:progress"
	// EventBulkProgress carries a BulkProgress after each batch of a bulk run.
	EventBulkProgress EventName = "bulk:progress"
	// EventImport carries an ImportProgress after each batch of an import.
	EventImport EventName = "import:progress"
	// EventKeychain carries a KeychainStatus whenever the OS keychain stops
	// or starts answering.
	EventKeychain EventName = "keychain:status"
	// EventAlreadyOpen tells the window that Switchboard was launched again
	// on its data directory and the window was brought forward; no payload.
	EventAlreadyOpen EventName = "app:already-open"
)

// EventNames lists the event names.
var EventNames = []struct {
	Value  EventName
	TSName string
}{
	{EventSyncProgress, "SyncProgress"},
	{EventSyncDone, "SyncDone"},
	{EventExport, "Export"},
	{EventPermissionsProgress, "PermissionsProgress"},
	{EventBulkProgress, "BulkProgress"},
	{EventImport, "Import"},
	{EventKeychain, "Keychain"},
	{EventAlreadyOpen, "AlreadyOpen"},
}

// ErrorCodes lists the error codes.
var ErrorCodes = []struct {
	Value  Code
	TSName string
}{
	{CodeInvalid, "Invalid"},
	{CodeNotFound, "NotFound"},
	{CodeConflict, "Conflict"},
	{CodeForbidden, "Forbidden"},
	{CodeUnavailable, "Unavailable"},
	{CodeInternal, "Internal"},
	{CodeKeychain, "Keychain"},
	{CodeRefused, "Refused"},
}

// SubAccountStatus is a sub-account's status as the window filters by it.
type SubAccountStatus string

// SubAccountStatuses lists the statuses.
var SubAccountStatuses = []struct {
	Value  SubAccountStatus
	TSName string
}{
	{StatusActive, "Active"},
	{StatusInactive, "Inactive"},
}

// ConnectionState is the state of a provider connection.
type ConnectionState string

// ConnectionStates lists the states.
var ConnectionStates = []struct {
	Value  ConnectionState
	TSName string
}{
	{StateConnected, "Connected"},
	{StateInvalid, "Invalid"},
	{StateNotVerified, "NotVerified"},
}

// CallDirection is a call's direction as stored and filtered.
type CallDirection string

// CallDirections lists the directions.
var CallDirections = []struct {
	Value  CallDirection
	TSName string
}{
	{DirectionIn, "In"},
	{DirectionOut, "Out"},
	{DirectionWeb, "Web"},
	{DirectionUnknown, "Unknown"},
}

// CallStatus is a call's status, normalised across providers (the
// provider's own word is kept beside it); the status filter takes these.
type CallStatus string

// Call statuses, the same as provider.Statuses.
const (
	CallCompleted  CallStatus = CallStatus(provider.StatusCompleted)
	CallNoAnswer   CallStatus = CallStatus(provider.StatusNoAnswer)
	CallBusy       CallStatus = CallStatus(provider.StatusBusy)
	CallFailed     CallStatus = CallStatus(provider.StatusFailed)
	CallCanceled   CallStatus = CallStatus(provider.StatusCanceled)
	CallInProgress CallStatus = CallStatus(provider.StatusInProgress)
	CallUnknown    CallStatus = CallStatus(provider.StatusUnknown)
)

// CallStatuses lists the statuses.
var CallStatuses = []struct {
	Value  CallStatus
	TSName string
}{
	{CallCompleted, "Completed"},
	{CallNoAnswer, "NoAnswer"},
	{CallBusy, "Busy"},
	{CallFailed, "Failed"},
	{CallCanceled, "Canceled"},
	{CallInProgress, "InProgress"},
	{CallUnknown, "Unknown"},
}

// AgentKind says whether a provider agent is an agent or a phone number.
type AgentKind string

// Agent kinds, the same as provider's.
const (
	AgentKindAgent  AgentKind = AgentKind(provider.AgentKindAgent)
	AgentKindNumber AgentKind = AgentKind(provider.AgentKindNumber)
)

// AgentKinds lists the kinds.
var AgentKinds = []struct {
	Value  AgentKind
	TSName string
}{
	{AgentKindAgent, "Agent"},
	{AgentKindNumber, "Number"},
}

// LimitSource says where a concurrency limit comes from.
type LimitSource string

// LimitSources lists the sources.
var LimitSources = []struct {
	Value  LimitSource
	TSName string
}{
	{LimitSourceProvider, "Provider"},
	{LimitSourceManual, "Manual"},
}

// PermissionStates lists the states of a permission tree node.
var PermissionStates = []struct {
	Value  PermissionState
	TSName string
}{
	{PermissionShown, "Shown"},
	{PermissionPartial, "Partial"},
	{PermissionHidden, "Hidden"},
}

// PlanInterval is how often a plan bills.
type PlanInterval string

// Plan intervals.
const (
	IntervalMonth PlanInterval = "month"
	IntervalYear  PlanInterval = "year"
)

// PlanIntervals lists the intervals, month first.
var PlanIntervals = []struct {
	Value  PlanInterval
	TSName string
}{
	{IntervalMonth, "Month"},
	{IntervalYear, "Year"},
}

// Roles lists the roles of a sub-account's users, Admin first.
var Roles = []struct {
	Value  Role
	TSName string
}{
	{RoleAdmin, "Admin"},
	{RoleUser, "User"},
}

// UserSorts lists the users list's sort keys.
var UserSorts = []struct {
	Value  UserSort
	TSName string
}{
	{UserSortName, "Name"},
	{UserSortEmail, "Email"},
	{UserSortRole, "Role"},
	{UserSortTimeZone, "TimeZone"},
	{UserSortCreated, "Created"},
}

// LicenseHistorySorts lists the license history's sort keys, one per column.
var LicenseHistorySorts = []struct {
	Value  LicenseHistorySort
	TSName string
}{
	{LicenseSortAt, "At"},
	{LicenseSortValidUntil, "ValidUntil"},
	{LicenseSortFreeMinutes, "FreeMinutes"},
	{LicenseSortAddOnMinutes, "AddOnMinutes"},
	{LicenseSortResultingValidity, "ResultingValidity"},
	{LicenseSortRemarks, "Remarks"},
	{LicenseSortActor, "Actor"},
}

// SortKeyEnum lists a sort spec's keys for the binding generator.
func SortKeyEnum[K ~string](spec db.SortSpec[K]) []struct {
	Value  K
	TSName string
} {
	var out []struct {
		Value  K
		TSName string
	}
	for _, k := range spec.Keys() {
		name := string(k)
		out = append(out, struct {
			Value  K
			TSName string
		}{k, string(name[0]-'a'+'A') + name[1:]})
	}
	return out
}

// Enums is everything main.go hands to options.App.EnumBind.
func Enums() []any {
	return []any{EventNames, ErrorCodes, SubAccountStatuses, ConnectionStates, CallDirections, CallStatuses, AgentKinds, LimitSources, PermissionStates, PlanIntervals,
		Roles, UserSorts,
		LicenseHistorySorts, LicenseStates, LedgerKinds, BulkActions,
		SortKeyEnum(db.SubAccountSort), SortKeyEnum(db.CallSort)}
}

// EventPayloads are the payloads of the events, and the coded error every
// rejected call and failed sync carries.
type EventPayloads struct {
	SyncProgress SyncProgress   `json:"syncProgress"`
	Export       ExportProgress `json:"export"`
	// PermissionsProgress is EventPermissionsProgress's payload.
	PermissionsProgress PermissionProgress `json:"permissionsProgress"`
	// BulkProgress is EventBulkProgress's payload.
	BulkProgress BulkProgress `json:"bulkProgress"`
	// Keychain is EventKeychain's payload.
	Keychain KeychainStatus `json:"keychain"`
	// Import is EventImport's payload.
	Import ImportProgress `json:"import"`
	Error  Error          `json:"error"`
}

// EventService is bound so that the binding generator emits the event
// payloads' TypeScript types with the DTOs'. The window need not call it.
type EventService struct{}

// Payloads returns zero payloads.
func (EventService) Payloads() EventPayloads {
	return EventPayloads{Error: Error{Fields: map[string]string{}}}
}
