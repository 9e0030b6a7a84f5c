package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"switchboard/db"
)

// schemaSeed is two sub-accounts with a row in every table, the state the
// bad statements below try to break.
const schemaSeed = `
INSERT INTO sub_accounts (id, name, name_key, status, provider, created_at, updated_at) VALUES
    (1, 'Acme Dental', 'acme dental', 'active', 'retell', 1, 1),
    (2, 'Bee Solar', 'bee solar', 'inactive', 'vapi', 1, 1);
INSERT INTO audit_log (id, at, actor, action, sub_account_id, sub_account_name, summary) VALUES
    (1, 1, 'admin', 'sub_account.create', 1, 'Acme Dental', 'Created the sub-account'),
    (2, 1, 'admin', 'sub_account.create', 2, 'Bee Solar', 'Created the sub-account'),
    (3, 2, 'admin', 'settings.update', NULL, '', 'Changed the time zone');
INSERT INTO provider_connections (sub_account_id, provider, settings, secret_hint, state, account_key, created_at, updated_at) VALUES
    (1, 'retell', '{"agentId":"agent_1"}', '••••c0de', 'connected', 'k1', 1, 1),
    (2, 'vapi', '{}', '••••beef', 'invalid', '', 1, 1);
INSERT INTO provider_agents (id, provider, account_key, agent_id, kind, name, prompt, prompt_digest, sub_account_id, seen_at) VALUES
    (1, 'retell', 'k1', 'agent_1', 'agent', 'Front desk', 'You answer the phone.', 'd1', 1, 1),
    (2, 'retell', 'k1', 'agent_2', 'agent', 'After hours', '', '', NULL, 1);
INSERT INTO sync_states (sub_account_id, auto_sync, watermark, paused) VALUES (1, 1, 1000, 0), (2, 0, NULL, 1);
INSERT INTO calls (id, sub_account_id, provider, provider_call_id, direction, status, status_raw, started_at, ended_at, duration_s, cost_micros, currency) VALUES
    (1, 1, 'retell', 'call_1', 'in', 'completed', 'ended', 1000, 61000, 61, 300000, 'USD'),
    (2, 2, 'vapi', 'call_2', 'out', 'completed', 'ended', 2000, NULL, 0, 0, '');
INSERT INTO concurrency_settings (sub_account_id, limit_total, limit_source, outbound, updated_at) VALUES
    (1, 20, 'provider', 15, 1),
    (2, NULL, 'manual', 0, 1);
INSERT INTO app_settings (key, value) VALUES ('timezone', 'Europe/Berlin');
`

// seededTemplate migrates a database to the latest version, loads schemaSeed,
// closes it and returns its file's bytes, for seededSQL to copy: a copy per
// case costs far less than migrating per case.
func seededTemplate(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), db.FileName)
	d := openSQL(t, path)
	if _, err := gooseProvider(t, d).Up(context.Background()); err != nil {
		t.Fatal(err)
	}
	execSQL(t, d, schemaSeed)
	checkDerived(t, d)
	if err := d.Close(); err != nil { // checkpoints the WAL into the file
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// seededSQL is a fresh database file, a copy of template.
func seededSQL(t *testing.T, template []byte) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), db.FileName)
	if err := os.WriteFile(path, template, 0o600); err != nil {
		t.Fatal(err)
	}
	return openSQL(t, path)
}

var constraintCodes = map[int]string{
	sqlite3.SQLITE_CONSTRAINT_CHECK:      "SQLITE_CONSTRAINT_CHECK",
	sqlite3.SQLITE_CONSTRAINT_UNIQUE:     "SQLITE_CONSTRAINT_UNIQUE",
	sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY: "SQLITE_CONSTRAINT_PRIMARYKEY",
	sqlite3.SQLITE_CONSTRAINT_NOTNULL:    "SQLITE_CONSTRAINT_NOTNULL",
	sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY: "SQLITE_CONSTRAINT_FOREIGNKEY",
	sqlite3.SQLITE_CONSTRAINT_TRIGGER:    "SQLITE_CONSTRAINT_TRIGGER",
}

func codeName(code int) string {
	if n, ok := constraintCodes[code]; ok {
		return n
	}
	return fmt.Sprint(code)
}

// checkRefusal fails t unless err is SQLite refusing with exactly the message
// want (a constraint's or trigger's) and the extended result code code.
func checkRefusal(t *testing.T, err error, want string, code int) {
	t.Helper()
	if err == nil {
		t.Errorf("accepted; want %s: %s", codeName(code), want)
		return
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		t.Errorf("err = %v (%T), want a SQLite error", err, err)
		return
	}
	// modernc formats "<kind>: <SQLite's message> (<code>)"; the message
	// must be want exactly, not merely start with it.
	if !strings.Contains(se.Error(), ": "+want+" (") || se.Code() != code {
		t.Errorf("err = %v [%s]\nwant %s [%s]", err, codeName(se.Code()), want, codeName(code))
	}
}

// Messages of the named rules, as SQLite reports them: a CHECK by its
// expression, a UNIQUE or NOT NULL by its columns, a trigger by its RAISE.
const (
	nameRule           = "CHECK constraint failed: length(name) BETWEEN 2 AND 80 AND name = trim(name)"
	statusRule         = "CHECK constraint failed: status IN ('active', 'inactive')"
	subProviderRule    = "CHECK constraint failed: provider IN ('', 'retell', 'vapi', 'bland', 'twilio', 'telnyx', 'synthflow', 'elevenlabs')"
	nameImmutable      = "sub-account names cannot be edited"
	appendOnly         = "the audit log is append-only"
	connProviderRule   = "CHECK constraint failed: provider IN ('retell', 'vapi', 'bland', 'twilio', 'telnyx', 'synthflow', 'elevenlabs')"
	connStateRule      = "CHECK constraint failed: state IN ('connected', 'invalid', 'not_verified')"
	connSettingsRule   = "CHECK constraint failed: json_valid(settings)"
	directionRule      = "CHECK constraint failed: direction IN ('in', 'out', 'web', 'unknown')"
	outboundWithinRule = "CHECK constraint failed: limit_total IS NULL OR outbound <= limit_total"
	agentOwnerRule     = "an agent is assigned only to a sub-account connected to its provider account"
	foreignKey         = "FOREIGN KEY constraint failed"
)

func TestSchemaRejectsBadRows(t *testing.T) {
	const (
		check   = sqlite3.SQLITE_CONSTRAINT_CHECK
		unique  = sqlite3.SQLITE_CONSTRAINT_UNIQUE
		pk      = sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
		notNull = sqlite3.SQLITE_CONSTRAINT_NOTNULL
		fk      = sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
		trigger = sqlite3.SQLITE_CONSTRAINT_TRIGGER
	)
	newSub := func(name, nameKey string) string {
		return fmt.Sprintf("INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES (%s, %s, 1, 1)", name, nameKey)
	}
	newCall := func(sub, provider, callID, direction, duration, cost string) string {
		return fmt.Sprintf("INSERT INTO calls (sub_account_id, provider, provider_call_id, direction, started_at, duration_s, cost_micros) VALUES (%s, %s, %s, %s, 5000, %s, %s)",
			sub, provider, callID, direction, duration, cost)
	}
	tests := []struct {
		name string
		stmt string
		want string // the constraint's or trigger's message
		code int    // SQLite's extended result code
	}{
		// sub_accounts: name 2-80 characters, trimmed, unique by case-folded key.
		{"name of one character", newSub("'A'", "'a'"), nameRule, check},
		{"name of 81 characters", newSub("'"+strings.Repeat("é", 81)+"'", "'long'"), nameRule, check},
		{"empty name", newSub("''", "''"), nameRule, check},
		{"name with a leading space", newSub("' Cee Roofing'", "'cee roofing'"), nameRule, check},
		{"name with a trailing space", newSub("'Cee Roofing '", "'cee roofing'"), nameRule, check},
		{"null name", newSub("NULL", "'cee roofing'"), "NOT NULL constraint failed: sub_accounts.name", notNull},
		{"null name key", newSub("'Cee Roofing'", "NULL"), "NOT NULL constraint failed: sub_accounts.name_key", notNull},
		{"name key taken in another case", newSub("'ACME DENTAL'", "'acme dental'"), "UNIQUE constraint failed: sub_accounts.name_key", unique},
		{"unknown status", "INSERT INTO sub_accounts (name, name_key, status, created_at, updated_at) VALUES ('Cee Roofing', 'cee roofing', 'deleted', 1, 1)", statusRule, check},
		{"status in another case", "INSERT INTO sub_accounts (name, name_key, status, created_at, updated_at) VALUES ('Cee Roofing', 'cee roofing', 'Active', 1, 1)", statusRule, check},
		{"null status", "INSERT INTO sub_accounts (name, name_key, status, created_at, updated_at) VALUES ('Cee Roofing', 'cee roofing', NULL, 1, 1)", "NOT NULL constraint failed: sub_accounts.status", notNull},
		{"status updated to unknown", "UPDATE sub_accounts SET status = 'paused' WHERE id = 1", statusRule, check},
		{"unknown provider", "INSERT INTO sub_accounts (name, name_key, provider, created_at, updated_at) VALUES ('Cee Roofing', 'cee roofing', 'acme', 1, 1)", subProviderRule, check},
		{"provider updated to another case", "UPDATE sub_accounts SET provider = 'Retell' WHERE id = 1", subProviderRule, check},
		{"null created_at", "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('Cee Roofing', 'cee roofing', NULL, 1)", "NOT NULL constraint failed: sub_accounts.created_at", notNull},

		// sub_accounts: names never change.
		{"name edited", "UPDATE sub_accounts SET name = 'Acme Dentistry' WHERE id = 1", nameImmutable, trigger},
		{"name key edited", "UPDATE sub_accounts SET name_key = 'acme dentistry' WHERE id = 1", nameImmutable, trigger},
		{"name edited in case only", "UPDATE sub_accounts SET name = 'ACME DENTAL' WHERE id = 1", nameImmutable, trigger},
		{"name edited with other columns", "UPDATE sub_accounts SET name = 'Other', name_key = 'other', status = 'inactive' WHERE id = 1", nameImmutable, trigger},
		{"name edited by an upsert", "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('ACME DENTAL', 'acme dental', 1, 1) ON CONFLICT (name_key) DO UPDATE SET name = excluded.name", nameImmutable, trigger},

		// sub_account_tallies: counts never go below zero.
		{"negative tally", "UPDATE sub_account_tallies SET n = -1 WHERE status = 'active' AND provider = 'retell'", "CHECK constraint failed: n >= 0", check},

		// audit_log: append-only, with an actor, an action and a summary.
		{"audit row updated", "UPDATE audit_log SET summary = 'Nothing happened' WHERE id = 1", appendOnly, trigger},
		{"audit row's sub-account cleared", "UPDATE audit_log SET sub_account_id = NULL WHERE id = 1", appendOnly, trigger},
		{"audit row deleted", "DELETE FROM audit_log WHERE id = 1", appendOnly, trigger},
		{"audit log emptied", "DELETE FROM audit_log", appendOnly, trigger},
		{"empty actor", "INSERT INTO audit_log (at, actor, action, summary) VALUES (3, '', 'sub_account.create', 'x')", "CHECK constraint failed: actor <> ''", check},
		{"empty action", "INSERT INTO audit_log (at, actor, action, summary) VALUES (3, 'admin', '', 'x')", "CHECK constraint failed: action <> ''", check},
		{"null actor", "INSERT INTO audit_log (at, actor, action, summary) VALUES (3, NULL, 'sub_account.create', 'x')", "NOT NULL constraint failed: audit_log.actor", notNull},
		{"null summary", "INSERT INTO audit_log (at, actor, action, summary) VALUES (3, 'admin', 'sub_account.create', NULL)", "NOT NULL constraint failed: audit_log.summary", notNull},
		{"null time", "INSERT INTO audit_log (at, actor, action, summary) VALUES (NULL, 'admin', 'sub_account.create', 'x')", "NOT NULL constraint failed: audit_log.at", notNull},

		// provider_connections: one per existing sub-account, a known
		// provider (not ''), a known state, JSON settings.
		{"connection of a missing sub-account", "INSERT INTO provider_connections (sub_account_id, provider, state, created_at, updated_at) VALUES (99, 'retell', 'connected', 1, 1)", foreignKey, fk},
		{"connection moved to a missing sub-account", "UPDATE provider_connections SET sub_account_id = 99 WHERE sub_account_id = 1", foreignKey, fk},
		{"second connection of a sub-account", "INSERT INTO provider_connections (sub_account_id, provider, state, created_at, updated_at) VALUES (1, 'vapi', 'connected', 1, 1)", "UNIQUE constraint failed: provider_connections.sub_account_id", pk},
		{"connection without a provider", "UPDATE provider_connections SET provider = '' WHERE sub_account_id = 1", connProviderRule, check},
		{"connection to an unknown provider", "UPDATE provider_connections SET provider = 'openai' WHERE sub_account_id = 1", connProviderRule, check},
		{"unknown connection state", "UPDATE provider_connections SET state = 'ok' WHERE sub_account_id = 1", connStateRule, check},
		{"null connection state", "UPDATE provider_connections SET state = NULL WHERE sub_account_id = 1", "NOT NULL constraint failed: provider_connections.state", notNull},
		{"settings not JSON", "UPDATE provider_connections SET settings = '{\"agentId\":' WHERE sub_account_id = 1", connSettingsRule, check},
		{"settings as plain text", "UPDATE provider_connections SET settings = 'agent_1' WHERE sub_account_id = 2", connSettingsRule, check},

		// sync_states: one per existing sub-account; flags are 0 or 1.
		{"sync state of a missing sub-account", "INSERT INTO sync_states (sub_account_id) VALUES (99)", foreignKey, fk},
		{"second sync state of a sub-account", "INSERT INTO sync_states (sub_account_id) VALUES (1)", "UNIQUE constraint failed: sync_states.sub_account_id", pk},
		{"auto_sync 2", "UPDATE sync_states SET auto_sync = 2 WHERE sub_account_id = 1", "CHECK constraint failed: auto_sync IN (0, 1)", check},
		{"auto_sync as text", "UPDATE sync_states SET auto_sync = 'yes' WHERE sub_account_id = 1", "CHECK constraint failed: auto_sync IN (0, 1)", check},
		{"null auto_sync", "UPDATE sync_states SET auto_sync = NULL WHERE sub_account_id = 1", "NOT NULL constraint failed: sync_states.auto_sync", notNull},
		{"paused -1", "UPDATE sync_states SET paused = -1 WHERE sub_account_id = 2", "CHECK constraint failed: paused IN (0, 1)", check},
		{"paused 2", "UPDATE sync_states SET paused = 2 WHERE sub_account_id = 1", "CHECK constraint failed: paused IN (0, 1)", check},

		// calls: of an existing sub-account, a known direction, no negative
		// duration or cost, a provider call id unique per provider.
		{"call of a missing sub-account", newCall("99", "'retell'", "'call_9'", "'in'", "1", "0"), foreignKey, fk},
		{"call of no sub-account and no account", newCall("NULL", "'retell'", "'call_9'", "'in'", "1", "0"), "CHECK constraint failed: sub_account_id IS NOT NULL OR account_key <> ''", check},
		{"unknown normalised status", "UPDATE calls SET status = 'ended' WHERE id = 1", "CHECK constraint failed: status IN ('completed', 'no_answer', 'busy', 'failed', 'canceled', 'in_progress', 'unknown')", check},
		{"call that is its own leg", "UPDATE calls SET parent_call_id = provider_call_id WHERE id = 1", "CHECK constraint failed: parent_call_id <> provider_call_id", check},

		// provider_agents: one row an agent of an account, so at most one
		// owner; the owner is connected to that very account.
		{"same agent twice in an account", "INSERT INTO provider_agents (provider, account_key, agent_id, kind, seen_at) VALUES ('retell', 'k1', 'agent_1', 'agent', 2)", "UNIQUE constraint failed: provider_agents.provider, provider_agents.account_key, provider_agents.agent_id", unique},
		{"agent of no account", "INSERT INTO provider_agents (provider, account_key, agent_id, kind, seen_at) VALUES ('retell', '', 'agent_9', 'agent', 2)", "CHECK constraint failed: account_key <> ''", check},
		{"agent of an unknown kind", "UPDATE provider_agents SET kind = 'bot' WHERE id = 2", "CHECK constraint failed: kind IN ('agent', 'number')", check},
		{"agent given to a sub-account on another account", "UPDATE provider_agents SET sub_account_id = 2 WHERE id = 2", agentOwnerRule, trigger},
		{"agent stored with an owner on another account", "INSERT INTO provider_agents (provider, account_key, agent_id, kind, sub_account_id, seen_at) VALUES ('retell', 'k2', 'agent_9', 'agent', 1, 2)", agentOwnerRule, trigger},
		{"agent moved to another account under its owner", "UPDATE provider_agents SET account_key = 'k2' WHERE id = 1", agentOwnerRule, trigger},
		{"unknown direction", newCall("1", "'retell'", "'call_9'", "'inbound'", "1", "0"), directionRule, check},
		{"direction updated to empty", "UPDATE calls SET direction = '' WHERE id = 1", directionRule, check},
		{"negative duration", newCall("1", "'retell'", "'call_9'", "'in'", "-1", "0"), "CHECK constraint failed: duration_s >= 0", check},
		{"duration updated below zero", "UPDATE calls SET duration_s = duration_s - 62 WHERE id = 1", "CHECK constraint failed: duration_s >= 0", check},
		{"negative cost", newCall("1", "'retell'", "'call_9'", "'in'", "1", "-1"), "CHECK constraint failed: cost_micros >= 0", check},
		{"empty provider call id", newCall("1", "'retell'", "''", "'in'", "1", "0"), "CHECK constraint failed: provider_call_id <> ''", check},
		{"null provider call id", newCall("1", "'retell'", "NULL", "'in'", "1", "0"), "NOT NULL constraint failed: calls.provider_call_id", notNull},
		{"null start time", "INSERT INTO calls (sub_account_id, provider, provider_call_id, direction, started_at, duration_s) VALUES (1, 'retell', 'call_9', 'in', NULL, 1)", "NOT NULL constraint failed: calls.started_at", notNull},
		{"same call twice", newCall("1", "'retell'", "'call_1'", "'in'", "61", "30"), "UNIQUE constraint failed: calls.provider, calls.provider_call_id", unique},
		{"same call under another sub-account", newCall("2", "'retell'", "'call_1'", "'out'", "5", "0"), "UNIQUE constraint failed: calls.provider, calls.provider_call_id", unique},
		{"call id updated onto another call", "UPDATE calls SET provider = 'retell', provider_call_id = 'call_1' WHERE id = 2", "UNIQUE constraint failed: calls.provider, calls.provider_call_id", unique},

		// concurrency_settings: one per existing sub-account; the limit and
		// the outbound share are not negative; outbound fits in the limit.
		{"settings of a missing sub-account", "INSERT INTO concurrency_settings (sub_account_id, updated_at) VALUES (99, 1)", foreignKey, fk},
		{"second settings of a sub-account", "INSERT INTO concurrency_settings (sub_account_id, updated_at) VALUES (1, 1)", "UNIQUE constraint failed: concurrency_settings.sub_account_id", pk},
		{"outbound above the limit", "UPDATE concurrency_settings SET outbound = 21 WHERE sub_account_id = 1", outboundWithinRule, check},
		{"limit lowered below outbound", "UPDATE concurrency_settings SET limit_total = 14 WHERE sub_account_id = 1", outboundWithinRule, check},
		{"limit set below outbound", "UPDATE concurrency_settings SET limit_total = 0, outbound = 1 WHERE sub_account_id = 2", outboundWithinRule, check},
		{"negative limit", "UPDATE concurrency_settings SET limit_total = -1, outbound = 0 WHERE sub_account_id = 1", "CHECK constraint failed: limit_total >= 0", check},
		{"negative outbound", "UPDATE concurrency_settings SET outbound = -1 WHERE sub_account_id = 2", "CHECK constraint failed: outbound >= 0", check},
		{"null outbound", "UPDATE concurrency_settings SET outbound = NULL WHERE sub_account_id = 2", "NOT NULL constraint failed: concurrency_settings.outbound", notNull},
		{"unknown limit source", "UPDATE concurrency_settings SET limit_source = 'api' WHERE sub_account_id = 1", "CHECK constraint failed: limit_source IN ('provider', 'manual')", check},

		// app_settings: one value per key.
		{"setting twice", "INSERT INTO app_settings (key, value) VALUES ('timezone', 'UTC')", "UNIQUE constraint failed: app_settings.key", pk},
		{"null setting", "INSERT INTO app_settings (key, value) VALUES ('theme', NULL)", "NOT NULL constraint failed: app_settings.value", notNull},
	}
	template := seededTemplate(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := seededSQL(t, template)
			before := dumpAll(t, d)
			_, err := d.Exec(tc.stmt)
			checkRefusal(t, err, tc.want, tc.code)
			if diff := diffTables(before, dumpAll(t, d)); diff != "" {
				t.Errorf("the refused statement changed the database:\n%s", diff)
			}
		})
	}
}

// TestSchemaAcceptsGoodRows checks that the rules refuse no more than they
// should: rows at the edges of each rule are stored.
func TestSchemaAcceptsGoodRows(t *testing.T) {
	var tests []struct{ name, stmt string }
	add := func(name, stmt string) { tests = append(tests, struct{ name, stmt string }{name, stmt}) }
	add("name of two characters", "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('Bo', 'bo', 1, 1)")
	add("name of 80 characters, not bytes", "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('"+strings.Repeat("é", 80)+"', 'long', 1, 1)")
	add("name with inner spaces", "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('Cee  Roofing & Sons', 'cee  roofing & sons', 1, 1)")
	add("status and provider updated", "UPDATE sub_accounts SET status = 'inactive', provider = '' WHERE id = 1")
	add("name written unchanged", "UPDATE sub_accounts SET name = name, name_key = name_key, updated_at = 2 WHERE id = 1")
	for _, st := range []string{"active", "inactive"} {
		add("status "+st, "UPDATE sub_accounts SET status = '"+st+"' WHERE id = 2")
	}
	for _, p := range []string{"", "retell", "vapi", "bland", "twilio", "telnyx", "synthflow", "elevenlabs"} {
		add("sub-account provider '"+p+"'", "UPDATE sub_accounts SET provider = '"+p+"' WHERE id = 1")
		if p != "" {
			add("connection provider "+p, "UPDATE provider_connections SET provider = '"+p+"' WHERE sub_account_id = 1")
		}
	}
	for _, st := range []string{"connected", "invalid", "not_verified"} {
		add("connection state "+st, "UPDATE provider_connections SET state = '"+st+"' WHERE sub_account_id = 1")
	}
	add("settings array", "UPDATE provider_connections SET settings = '[1, \"two\"]' WHERE sub_account_id = 1")
	add("connection with default settings", "INSERT INTO sub_accounts (id, name, name_key, created_at, updated_at) VALUES (3, 'Cee', 'cee', 1, 1); INSERT INTO provider_connections (sub_account_id, provider, state, created_at, updated_at) VALUES (3, 'bland', 'not_verified', 1, 1)")
	add("sync flags set", "UPDATE sync_states SET auto_sync = 1, paused = 1 WHERE sub_account_id = 2")
	add("sync flags cleared", "UPDATE sync_states SET auto_sync = 0, paused = 0 WHERE sub_account_id = 1")
	for _, dir := range []string{"in", "out", "web", "unknown"} {
		add("direction "+dir, "UPDATE calls SET direction = '"+dir+"' WHERE id = 1")
	}
	add("call of zero seconds, zero cost, still running", "INSERT INTO calls (sub_account_id, provider, provider_call_id, direction, started_at, ended_at, duration_s, cost_micros) VALUES (1, 'retell', 'call_live', 'web', 9000, NULL, 0, 0)")
	add("same call id from another provider", "INSERT INTO calls (sub_account_id, provider, provider_call_id, direction, started_at, duration_s) VALUES (1, 'retell', 'call_2', 'in', 9000, 1)")
	add("unassigned call of a shared account", "INSERT INTO calls (sub_account_id, account_key, provider, provider_call_id, direction, started_at, duration_s) VALUES (NULL, 'k1', 'retell', 'call_u', 'in', 9000, 1)")
	add("leg of a call", "INSERT INTO calls (sub_account_id, provider, provider_call_id, parent_call_id, direction, started_at, duration_s) VALUES (1, 'twilio', 'CA2', 'CA1', 'out', 9000, 1)")
	add("agent given to a sub-account on its account", "UPDATE provider_agents SET sub_account_id = 1 WHERE id = 2")
	add("agent unassigned", "UPDATE provider_agents SET sub_account_id = NULL WHERE id = 1")
	add("owner deleted, agent kept unassigned", "DELETE FROM sub_accounts WHERE id = 1")
	for _, st := range []string{"completed", "no_answer", "busy", "failed", "canceled", "in_progress", "unknown"} {
		add("status "+st, "UPDATE calls SET status = '"+st+"' WHERE id = 1")
	}
	add("outbound equal to the limit", "UPDATE concurrency_settings SET outbound = 20 WHERE sub_account_id = 1")
	add("zero limit", "UPDATE concurrency_settings SET limit_total = 0, outbound = 0 WHERE sub_account_id = 1")
	add("no limit, any outbound", "UPDATE concurrency_settings SET limit_total = NULL, outbound = 500 WHERE sub_account_id = 1")
	add("audit row without a sub-account", "INSERT INTO audit_log (at, actor, action, summary) VALUES (3, 'admin', 'license.activate', 'Activated the licence')")
	add("audit row of a deleted sub-account", "INSERT INTO audit_log (at, actor, action, sub_account_id, sub_account_name, summary) VALUES (3, 'admin', 'sub_account.delete', 99, 'Gone Ltd', 'Deleted')")
	add("empty setting", "INSERT INTO app_settings (key, value) VALUES ('theme', '')")
	template := seededTemplate(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := seededSQL(t, template)
			if _, err := d.Exec(tc.stmt); err != nil {
				t.Errorf("refused: %v", err)
			}
		})
	}
}

// TestDeletingSubAccountCascades checks that deleting a sub-account removes
// its connection, sync state, calls and concurrency settings, keeps its audit
// history, touches no other sub-account's rows, and keeps the tallies and the
// search index right.
func TestDeletingSubAccountCascades(t *testing.T) {
	d := seededSQL(t, seededTemplate(t))
	// A second call and an audit entry for sub-account 1, so that the cascade
	// removes more than one row.
	execSQL(t, d, `INSERT INTO calls (id, sub_account_id, provider, provider_call_id, direction, started_at, duration_s) VALUES (3, 1, 'retell', 'call_3', 'out', 3000, 10);
INSERT INTO audit_log (id, at, actor, action, sub_account_id, sub_account_name, summary) VALUES (4, 3, 'admin', 'sub_account.delete', 1, 'Acme Dental', 'Deleted the sub-account')`)
	children := []string{"provider_connections", "sync_states", "calls", "concurrency_settings"}
	others := map[string]tableRows{}
	for _, table := range append(children, "audit_log", "app_settings") {
		others[table] = readTable(t, d, table, nil)
	}
	for _, table := range children {
		if n := count(t, d, "SELECT count(*) FROM "+table+" WHERE sub_account_id = 1"); n == 0 {
			t.Fatalf("seed has no %s row for sub-account 1", table)
		}
	}

	res, err := d.Exec("DELETE FROM sub_accounts WHERE id = 1")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("deleted %d sub-accounts, want 1", n)
	}
	for _, table := range children {
		t.Run(table+" rows removed", func(t *testing.T) {
			if n := count(t, d, "SELECT count(*) FROM "+table+" WHERE sub_account_id = 1"); n != 0 {
				t.Errorf("%d rows of the deleted sub-account remain", n)
			}
			// The other sub-account's rows are untouched.
			want := others[table]
			kept := want
			kept.rows = nil
			for _, r := range want.rows {
				if r[indexOf(want.cols, "sub_account_id")] != int64(1) {
					kept.rows = append(kept.rows, r)
				}
			}
			if diff := diffTables(map[string]tableRows{table: kept}, map[string]tableRows{table: readTable(t, d, table, nil)}); diff != "" {
				t.Error(diff)
			}
		})
	}
	t.Run("audit rows kept", func(t *testing.T) {
		if diff := diffTables(map[string]tableRows{"audit_log": others["audit_log"]}, map[string]tableRows{"audit_log": readTable(t, d, "audit_log", nil)}); diff != "" {
			t.Error(diff)
		}
		if n := count(t, d, "SELECT count(*) FROM audit_log WHERE sub_account_id = 1 AND sub_account_name = 'Acme Dental'"); n != 2 {
			t.Errorf("%d audit rows name the deleted sub-account, want 2", n)
		}
	})
	t.Run("settings kept", func(t *testing.T) {
		if diff := diffTables(map[string]tableRows{"app_settings": others["app_settings"]}, map[string]tableRows{"app_settings": readTable(t, d, "app_settings", nil)}); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("tallies and search follow", func(t *testing.T) {
		checkDerived(t, d)
		if ids := ftsMatch(t, d, "Acme"); len(ids) != 0 {
			t.Errorf("search still finds the deleted sub-account: %v", ids)
		}
		if n := count(t, d, "SELECT n FROM sub_account_tallies WHERE status = 'active' AND provider = 'retell'"); n != 0 {
			t.Errorf("tally of active retell sub-accounts = %d, want 0", n)
		}
	})
	checkSound(t, d)
}

func indexOf(cols []string, name string) int {
	for i, c := range cols {
		if c == name {
			return i
		}
	}
	panic("no column " + name)
}

// TestSchemaRefusesReplace: INSERT OR REPLACE (and REPLACE) deletes the
// conflicting row and inserts anew; it must neither rewrite an audit row nor
// rename a sub-account, and the tallies and search index must hold.
func TestSchemaRefusesReplace(t *testing.T) {
	tests := []struct{ name, stmt string }{
		{"audit row rewritten", "INSERT OR REPLACE INTO audit_log (id, at, actor, action, summary) VALUES (1, 9, 'intruder', 'sub_account.create', 'Nothing happened')"},
		{"sub-account renamed", "REPLACE INTO sub_accounts (id, name, name_key, status, provider, created_at, updated_at) VALUES (1, 'Renamed Ltd', 'renamed ltd', 'active', 'retell', 1, 1)"},
	}
	template := seededTemplate(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := seededSQL(t, template)
			before := dumpAll(t, d)
			if _, err := d.Exec(tc.stmt); err == nil {
				t.Error("accepted")
			}
			if diff := diffTables(before, dumpAll(t, d)); diff != "" {
				t.Errorf("the statement changed the database:\n%s", diff)
			}
			checkDerived(t, d)
		})
	}
}

// ftsMatch returns the ids the search index finds for the phrase q.
func ftsMatch(t *testing.T, d *sql.DB, q string) []int64 {
	t.Helper()
	rows, err := d.Query("SELECT rowid FROM sub_accounts_fts WHERE sub_accounts_fts MATCH ? ORDER BY rowid", `"`+strings.ReplaceAll(q, `"`, `""`)+`"`)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// checkDerived fails t unless the tables kept by triggers agree with the
// tables they derive from: sub_account_tallies equals the counts by
// (status, provider); sub_accounts_fts holds exactly the sub-accounts' names,
// each found by a search for its name and for a part of it; and, from the
// version that adds them, audit_log_tally counts audit_log and audit_log_fts
// holds exactly the audit rows.
func checkDerived(t *testing.T, d *sql.DB) {
	t.Helper()
	tables := tableNames(t, d, "table", "virtual")
	if slices.Contains(tables, "audit_log_tally") {
		if n, want := count(t, d, "SELECT coalesce(sum(n), 0) FROM audit_log_tally"), count(t, d, "SELECT count(*) FROM audit_log"); n != want {
			t.Errorf("audit_log_tally counts %d entries, audit_log holds %d", n, want)
		}
	}
	if slices.Contains(tables, "audit_log_fts") {
		if _, err := d.Exec("INSERT INTO audit_log_fts (audit_log_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
			t.Errorf("audit search index disagrees with audit_log: %v", err)
		}
	}
	want := readRowsOf(t, d, "SELECT status, provider, count(*) FROM sub_accounts GROUP BY status, provider ORDER BY status, provider")
	got := readRowsOf(t, d, "SELECT status, provider, n FROM sub_account_tallies WHERE n <> 0 ORDER BY status, provider")
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tallies %v, want the counts by (status, provider) %v", got, want)
	}
	// rank 1 compares the index with the content table, both ways.
	if _, err := d.Exec("INSERT INTO sub_accounts_fts (sub_accounts_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		t.Errorf("search index disagrees with sub_accounts: %v", err)
	}
	rows := readRowsOf(t, d, "SELECT id, name FROM sub_accounts ORDER BY id")
	for _, r := range rows {
		id, name := r[0].(int64), r[1].(string)
		runes := []rune(name)
		if len(runes) < 3 {
			continue // the trigram index cannot match fewer than 3 characters
		}
		for _, q := range []string{name, string(runes[len(runes)/2-1 : len(runes)/2+2])} {
			ids := ftsMatch(t, d, q)
			found := false
			for _, got := range ids {
				found = found || got == id
			}
			if !found {
				t.Errorf("search for %q finds %v, not sub-account %d %q", q, ids, id, name)
			}
		}
	}
}

func readRowsOf(t *testing.T, d *sql.DB, query string) [][]any {
	t.Helper()
	rows, err := d.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
