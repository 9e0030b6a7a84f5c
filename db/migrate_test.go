package db_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"switchboard/db"
)

// migrationFixtures holds, for every schema version but the latest, rows a
// real database at that version could hold, in every table it has. A new
// migration makes the version before it an earlier version: add its entry
// here (it may extend the previous one), or TestMigrateKeepsRowsFromEveryVersion
// fails and says so.
var migrationFixtures = map[int64]string{
	1:  fixtureV1,
	2:  fixtureV1 + fixtureV2 + fixtureV2Calls,
	3:  fixtureV1 + fixtureV2 + fixtureV2Calls + fixtureV3,
	4:  fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4,
	5:  fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4,
	6:  fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4 + fixtureV6,
	7:  fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4 + fixtureV6 + fixtureV7,
	8:  fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4 + fixtureV6 + fixtureV7 + fixtureV8,
	9:  fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4 + fixtureV6 + fixtureV7 + fixtureV8 + fixtureV9,
	10: fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4 + fixtureV6 + fixtureV7 + fixtureV8 + fixtureV9 + fixtureV10,
	11: fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4 + fixtureV6 + fixtureV7 + fixtureV8 + fixtureV9 + fixtureV10, // 00011 adds audit_facets, which its trigger fills from the log
	12: fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4 + fixtureV6 + fixtureV7 + fixtureV8 + fixtureV9 + fixtureV10 + fixtureV12,
	13: fixtureV1 + fixtureV2 + fixtureV3 + fixtureV4 + fixtureV6 + fixtureV7 + fixtureV8 + fixtureV9 + fixtureV10 + fixtureV12, // 00013 changes an index only
}

// fixtureV10 adds fixtureV9's licenses' minute ledgers: the first license's
// grants, usage, the free minutes that expired with its first cycle, the
// next cycle's allowance and a late call charged to the minutes that
// expired; the second's add-on trial used up and overage beyond it.
const fixtureV10 = `
INSERT INTO license_books (sub_account_id, allowance, overage, open_cycle, cycle_until) VALUES
    (1, 500, 0, 1, 1723260400000),
    (2, 0, 51, 0, 1720678402000);
INSERT INTO license_cycles (sub_account_id, cycle, statement) VALUES
    (1, 0, '{"index":0,"from":"2024-06-10T03:26:40Z","until":"2024-07-10T03:26:40Z","closed":true,"opening":{"free":0,"addOn":0},"grants":{"free":500,"addOn":250},"usage":{"minutes":6,"fromFree":6,"fromExpired":0,"fromAddOn":0,"overage":0},"late":{"minutes":1,"fromFree":0,"fromExpired":1,"fromAddOn":0,"overage":0},"lateForEarlier":{"minutes":0,"fromFree":0,"fromExpired":0,"fromAddOn":0,"overage":0},"expired":494,"expiredLeft":493,"overage":0,"closing":{"free":0,"addOn":250}}'),
    (1, 1, '{"index":1,"from":"2024-07-10T03:26:40Z","until":"2024-08-10T03:26:40Z","closed":false,"opening":{"free":0,"addOn":250},"grants":{"free":500,"addOn":0},"usage":{"minutes":0,"fromFree":0,"fromExpired":0,"fromAddOn":0,"overage":0},"late":{"minutes":0,"fromFree":0,"fromExpired":0,"fromAddOn":0,"overage":0},"lateForEarlier":{"minutes":0,"fromFree":0,"fromExpired":0,"fromAddOn":0,"overage":0},"expired":0,"expiredLeft":0,"overage":0,"closing":{"free":500,"addOn":250}}'),
    (2, 0, '{"index":0,"from":"2024-06-10T06:13:22Z","until":"2024-07-10T06:13:22Z","closed":false,"opening":{"free":0,"addOn":0},"grants":{"free":0,"addOn":100},"usage":{"minutes":151,"fromFree":0,"fromExpired":0,"fromAddOn":100,"overage":51},"late":{"minutes":0,"fromFree":0,"fromExpired":0,"fromAddOn":0,"overage":0},"lateForEarlier":{"minutes":0,"fromFree":0,"fromExpired":0,"fromAddOn":0,"overage":0},"expired":0,"expiredLeft":0,"overage":51,"closing":{"free":0,"addOn":0}}');
INSERT INTO license_ledger (id, sub_account_id, at, kind, cycle, minutes, from_free, from_expired, from_addon, overage, free_balance, addon_balance, valid_until, calls, ref, remarks) VALUES
    (1, 1, 1717990000000, 'grant_validity', 0, 0, 0, 0, 0, 0, 0, 0, 1749526000000, 0, 'grant:1', 'Annual plan, invoice INV-2041'),
    (2, 1, 1717990000000, 'grant_free', 0, 500, 0, 0, 0, 0, 500, 0, NULL, 0, 'grant:1', 'Annual plan, invoice INV-2041'),
    (3, 1, 1718003700000, 'usage', 0, -4, 4, 0, 0, 0, 496, 0, NULL, 2, 'sync', ''),
    (4, 1, 1718100000000, 'grant_addon', 0, 250, 0, 0, 0, 0, 496, 250, NULL, 0, 'grant:2', 'Goodwill minutes'),
    (5, 1, 1718100200000, 'usage', 0, -2, 2, 0, 0, 0, 494, 250, NULL, 1, 'sync', ''),
    (6, 1, 1718200000000, 'grant_validity', 0, 0, 0, 0, 0, 0, 494, 250, 1781000000000, 0, 'grant:3', ''),
    (7, 1, 1720582000000, 'expiry', 0, -494, 0, 0, 0, 0, 0, 250, NULL, 0, '', ''),
    (8, 1, 1720582000000, 'cycle_allowance', 1, 500, 0, 0, 0, 0, 500, 250, NULL, 0, '', ''),
    (9, 1, 1720600000000, 'adjustment', 0, -1, 0, 1, 0, 0, 500, 250, NULL, 1, 'sync', 'Late call of 2024-06-10'),
    (10, 2, 1718000002000, 'grant_validity', 0, 0, 0, 0, 0, 0, 0, 0, 1730000000000, 0, 'grant:4', 'Trial'),
    (11, 2, 1718000002000, 'grant_addon', 0, 100, 0, 0, 0, 0, 0, 100, NULL, 0, 'grant:4', 'Trial'),
    (12, 2, 1718100000000, 'usage', 0, -151, 0, 0, 100, 51, 0, 0, NULL, 2, 'sync', '');
`

// fixtureV12 adds Access Account: a session ended after changes were
// enabled, one left open when the app stopped, and sign-ins of both kinds.
const fixtureV12 = `
INSERT INTO access_sessions (id, sub_account_id, user_id, user_email, user_name, admin, reason, started_at, changes_at, changes_reason, ended_at) VALUES
    (1, 1, 1, 'Dana.Owner@acme.example', 'Dana Owner', 'alice', 'Ticket 42', 1718300000000, 1718300060000, 'Promote Sam', 1718300600000),
    (2, 2, 3, 'juerg@zürich-zahn.example', 'Jürg Müller', 'alice', '', 1718400000000, NULL, '', NULL);
INSERT INTO sign_ins (sub_account_id, user_email, at, via, admin, session_id) VALUES
    (1, 'Dana.Owner@acme.example', 1718200000000, 'customer', '', NULL),
    (1, 'Dana.Owner@acme.example', 1718300000000, 'access_account', 'alice', 1),
    (2, 'juerg@zürich-zahn.example', 1718400000000, 'access_account', 'alice', 2);
`

// fixtureV9 adds licenses: one started before its calls, with a validity
// extended later and add-on minutes, and one with a single grant.
const fixtureV9 = `
INSERT INTO license_terms (sub_account_id, started_at, time_zone, valid_until) VALUES
    (1, 1717990000000, 'America/Los_Angeles', 1717990000000),
    (2, 1718000002000, 'Europe/Zurich', 1718000002000);
INSERT INTO license_grants (id, sub_account_id, at, valid_until, free_minutes, addon_minutes, remarks, actor) VALUES
    (1, 1, 1717990000000, 1749526000000, 500, 0, 'Annual plan, invoice INV-2041', 'dana'),
    (2, 1, 1718100000000, NULL, 0, 250, 'Goodwill minutes', 'dana'),
    (3, 1, 1718200000000, 1781000000000, 0, 0, '', 'sam'),
    (4, 2, 1718000002000, 1730000000000, 0, 100, 'Trial', 'dana');
`

// fixtureV8 adds users: Admins and Users in several zones, an email whose
// local part keeps its capitals, a Unicode name and domain, and the same
// email in two sub-accounts.
const fixtureV8 = `
INSERT INTO users (id, sub_account_id, name, email, email_key, role, time_zone, created_at, updated_at) VALUES
    (1, 1, 'Dana Owner', 'Dana.Owner@acme.example', 'dana.owner@acme.example', 'admin', 'America/Los_Angeles', 1718000000000, 1718000000000),
    (2, 1, 'Sam Front Desk', 'sam@acme.example', 'sam@acme.example', 'user', 'America/New_York', 1718000001000, 1718100000000),
    (3, 2, 'Jürg Müller', 'juerg@zürich-zahn.example', 'juerg@zürich-zahn.example', 'admin', 'Europe/Zurich', 1718000002000, 1718000002000),
    (4, 3, '田中 花子', 'hanako@tokyo-dental.example', 'hanako@tokyo-dental.example', 'admin', 'Asia/Tokyo', 1718000003000, 1718000003000),
    (5, 5, 'Dana Owner', 'dana.owner@acme.example', 'dana.owner@acme.example', 'admin', 'UTC', 1718000004000, 1718000004000);
`

// fixtureV7 adds the plan catalog and offers: a plan with two versions (one
// sub-account keeps the old terms), a yearly plan, a plan archived after it
// was offered, a custom plan of one sub-account marked popular, a euro plan
// with a Unicode name, and pricing settings shown and hidden.
const fixtureV7 = `
INSERT INTO plans (id, name, name_key, sub_account_id, archived_at, created_at, updated_at) VALUES
    (1, 'Starter', 'starter', NULL, NULL, 1718000000000, 1718000000000),
    (2, 'Growth yearly', 'growth yearly', NULL, NULL, 1718000001000, 1718000001000),
    (3, 'Legacy', 'legacy', NULL, NULL, 1717000000000, 1717000000000),
    (4, 'Acme Special', 'acme special', 1, NULL, 1718000002000, 1718000002000),
    (5, 'Zürich Basis', 'zürich basis', NULL, NULL, 1718000003000, 1718000003000);
INSERT INTO plan_versions (id, plan_id, version, price_minor, currency, interval, included_minutes, overage_micros, bullets, created_at) VALUES
    (1, 1, 1, 4900, 'USD', 'month', 500, 90000, '["1 voice agent","500 minutes a month"]', 1718000000000),
    (2, 1, 2, 5900, 'USD', 'month', 500, 90000, '["1 voice agent","500 minutes a month"]', 1718500000000),
    (3, 2, 1, 149000, 'USD', 'year', 24000, 70000, '["Two months free"]', 1718000001000),
    (4, 3, 1, 0, 'USD', 'month', 0, 0, '[]', 1717000000000),
    (5, 4, 1, 9900, 'USD', 'month', 1000, 35000, '["Night line","Spanish agent"]', 1718000002000),
    (6, 5, 1, 3900, 'EUR', 'month', 400, 85000, '["EU-Datenhaltung"]', 1718000003000);
INSERT INTO offered_plans (sub_account_id, plan_id, plan_version_id, position, popular) VALUES
    (1, 1, 1, 0, 0),
    (1, 2, 3, 1, 0),
    (1, 4, 5, 2, 1),
    (2, 5, 6, 0, 0),
    (3, 3, 4, 0, 0),
    (5, 1, 2, 0, 1);
UPDATE plans SET archived_at = 1718600000000, updated_at = 1718600000000 WHERE id = 3;
INSERT INTO pricing_settings (sub_account_id, show_pricing) VALUES
    (1, 1),
    (2, 0),
    (5, 1);
`

// fixtureV6 adds permission sets: published versions (one sub-account with
// two, the second hiding Reports and a Contacts feature), drafts (one with
// unpublished changes) and an agency default that hides a feature.
const fixtureV6 = `
INSERT INTO permission_versions (sub_account_id, version, hidden, changes, actor, published_at) VALUES
    (1, 1, '[]', '[]', 'system', 1718000000000),
    (1, 2, '["contacts.import","reports.calls","reports.export","reports.usage"]',
        '[{"key":"reports","label":"Reports","from":"shown","to":"hidden"},{"key":"contacts.import","label":"Contacts → Import","from":"shown","to":"hidden"}]',
        'admin', 1718100000000),
    (2, 1, '[]', '[]', 'system', 1718000000000),
    (3, 1, '["billing.invoices"]', '[]', 'system', 1718000000000);
INSERT INTO permission_drafts (sub_account_id, hidden, updated_at) VALUES
    (1, '["contacts.import","reports.calls","reports.export","reports.usage"]', 1718100000000),
    (2, '["dashboard"]', 1718200000000),
    (3, '["billing.invoices"]', 1718000000000);
UPDATE permission_defaults SET hidden = '["settings.api_keys"]', updated_at = 1718000000000 WHERE id = 1;
`

// migrationConversions are the columns a migration renamed or converted on
// purpose, by the version that did it: for each, the expression over the
// migrated table that gives the old value back, so that "rows keep their
// values" still checks them when migrating from before that version.
// Version 4 kept the provider's status word as status_raw (status is now
// normalised; TestMigrateNormalisesCalls checks the new values) and turned
// cost_minor into cost_micros.
var migrationConversions = map[int64]map[string]map[string]string{
	4: {"calls": {
		"status":     "status_raw",
		"cost_minor": "cost_micros / CASE currency WHEN 'JPY' THEN 1000000 ELSE 10000 END",
	}},
}

// conversionsFrom are the conversions a migration from version v goes
// through.
func conversionsFrom(v int64) map[string]map[string]string {
	out := map[string]map[string]string{}
	for at, tables := range migrationConversions {
		if v >= at {
			continue
		}
		for table, cols := range tables {
			if out[table] == nil {
				out[table] = map[string]string{}
			}
			for c, expr := range cols {
				out[table][c] = expr
			}
		}
	}
	return out
}

// fixtureV2Calls are version 2's calls: one still running, one from a
// previous provider, the same call id under two providers. Version 4 stores
// them as fixtureV4 does.
const fixtureV2Calls = `
INSERT INTO calls (id, sub_account_id, provider, provider_call_id, direction, status, from_number, to_number, started_at, ended_at, duration_s, cost_minor, currency) VALUES
    (1, 1, 'retell', 'call_9c1e', 'in', 'ended', '+14155550100', '+14155550199', 1718000000000, 1718000061000, 61, 30, 'USD'),
    (2, 1, 'retell', 'call_9c1f', 'out', 'ended', '+14155550199', '+14155550123', 1718001000000, 1718001120000, 120, 55, 'USD'),
    (3, 1, 'retell', 'call_live', 'web', 'ongoing', '', '', 1718003600000, NULL, 0, 0, ''),
    (4, 2, 'vapi', 'call_9c1e', 'out', 'failed', '+41445550101', '+41445550102', 1717500000000, 1717500002000, 2, 0, 'CHF'),
    (5, 3, 'vapi', 'b7e1c7d2-0b55-4a4e-9d0e-3c1f8a9e2f10', 'unknown', '', '', '', 1716000000000, 1716000300000, 300, 500, 'JPY'),
    (6, 5, 'twilio', 'CA0123456789abcdef0123456789abcdef', 'in', 'completed', '+14155550142', '+14155550100', 1717400000000, 1717403600000, 3600, 1234, 'USD');
INSERT INTO calls (id, sub_account_id, provider, provider_call_id, direction, started_at, duration_s) VALUES
    (7, 4, 'bland', 'bland-0001', 'out', 1717050000000, 45);
`

// fixtureV4 holds version 2's calls as version 4 stores them (statuses
// normalised, costs in micros) and adds the agents of a shared provider
// account (one owned, one unassigned, a number), and calls with version 4's
// columns: one routed by its agent, one of an unassigned agent (no
// sub-account, only the account), and a Twilio leg of an earlier call with
// a cost below a cent.
const fixtureV4 = `
INSERT INTO calls (id, sub_account_id, provider, provider_call_id, direction, status, status_raw, from_number, to_number, started_at, ended_at, duration_s, cost_micros, currency) VALUES
    (1, 1, 'retell', 'call_9c1e', 'in', 'completed', 'ended', '+14155550100', '+14155550199', 1718000000000, 1718000061000, 61, 300000, 'USD'),
    (2, 1, 'retell', 'call_9c1f', 'out', 'completed', 'ended', '+14155550199', '+14155550123', 1718001000000, 1718001120000, 120, 550000, 'USD'),
    (3, 1, 'retell', 'call_live', 'web', 'in_progress', 'ongoing', '', '', 1718003600000, NULL, 0, 0, ''),
    (4, 2, 'vapi', 'call_9c1e', 'out', 'failed', 'failed', '+41445550101', '+41445550102', 1717500000000, 1717500002000, 2, 0, 'CHF'),
    (5, 3, 'vapi', 'b7e1c7d2-0b55-4a4e-9d0e-3c1f8a9e2f10', 'unknown', 'unknown', '', '', '', 1716000000000, 1716000300000, 300, 500000000, 'JPY'),
    (6, 5, 'twilio', 'CA0123456789abcdef0123456789abcdef', 'in', 'completed', 'completed', '+14155550142', '+14155550100', 1717400000000, 1717403600000, 3600, 12340000, 'USD');
INSERT INTO calls (id, sub_account_id, provider, provider_call_id, direction, started_at, duration_s) VALUES
    (7, 4, 'bland', 'bland-0001', 'out', 1717050000000, 45);
INSERT INTO provider_agents (id, provider, account_key, agent_id, kind, name, number, prompt, prompt_digest, sub_account_id, seen_at) VALUES
    (1, 'retell', 'k1:5d41402abc4b2a76b9719d911017c592', 'agent_7f3a', 'agent', 'Front desk', '', 'You answer the phone for Acme Dental.', 'sha256:9f86d081', 1, 1718000000000),
    (2, 'retell', 'k1:5d41402abc4b2a76b9719d911017c592', 'agent_night', 'agent', 'After hours', '', '', '', NULL, 1718000000000),
    (3, 'twilio', 'k1:5d41402abc4b2a76b9719d911017c592', '+14155550100', 'number', '', '+14155550100', '', '', 5, 1717300000000);
INSERT INTO calls (id, sub_account_id, account_key, provider, provider_call_id, parent_call_id, agent_id, direction, status, status_raw, from_number, to_number, started_at, ended_at, duration_s, cost_micros, currency) VALUES
    (8, 1, 'k1:5d41402abc4b2a76b9719d911017c592', 'retell', 'call_a1', '', 'agent_7f3a', 'in', 'completed', 'ended', '+14155550111', '+14155550199', 1718100000000, 1718100090000, 90, 425000, 'USD'),
    (9, NULL, 'k1:5d41402abc4b2a76b9719d911017c592', 'retell', 'call_u1', '', 'agent_night', 'in', 'no_answer', 'dial_no_answer', '+14155550112', '+14155550198', 1718100100000, 1718100130000, 30, 0, 'USD'),
    (10, 5, 'k1:5d41402abc4b2a76b9719d911017c592', 'twilio', 'CA89abcdef0123456789abcdef01234567', 'CA0123456789abcdef0123456789abcdef', '', 'out', 'completed', 'completed', '+14155550100', '+14155550177', 1717400010000, 1717403000000, 2990, 4250, 'USD');
`

// fixtureV3 adds audit rows made during an Access Account session and about
// a subject other than the sub-account.
const fixtureV3 = `
INSERT INTO audit_log (id, at, actor, as_user, access_session_id, action, sub_account_id, sub_account_name, subject_kind, subject_id, subject_name, summary) VALUES
    (9, 1718100000000, 'admin', 'owner@acme.example', 1, 'user.update', 1, 'Acme Dental', 'user', 'u_1', 'Dana Owner', 'Changed the time zone'),
    (10, 1718100001000, 'admin', '', NULL, 'plan.update', NULL, '', 'plan', 'p_basic', 'Basic', 'Price 49.00 EUR');
`

// fixtureV1: sub-accounts (Unicode names, inactive ones, one deleted, one
// whose status changed), the tallies and search index their triggers keep,
// and audit rows with and without a sub-account.
const fixtureV1 = `
INSERT INTO sub_accounts (id, name, name_key, status, provider, last_login_at, last_call_at, created_at, updated_at) VALUES
    (1, 'Acme Dental', 'acme dental', 'active', 'retell', 1718000000000, 1718003600000, 1717000000000, 1718000000000),
    (2, 'Zürich Zahnärzte AG', 'zürich zahnärzte ag', 'active', 'vapi', NULL, 1717500000000, 1717000001000, 1717000001000),
    (3, '東京デンタルクリニック', '東京デンタルクリニック', 'active', '', NULL, NULL, 1717000002000, 1717000002000),
    (4, 'Café Ñandú', 'café ñandú', 'inactive', 'bland', 1717100000000, NULL, 1717000003000, 1717200000000),
    (5, 'O''Brien & Sons Plumbing', 'o''brien & sons plumbing', 'active', 'twilio', 1717300000000, 1717400000000, 1717000004000, 1717400000000),
    (6, 'Ωmega 🚀 Labs', 'ωmega 🚀 labs', 'active', 'telnyx', NULL, NULL, 1717000005000, 1717000005000),
    (7, 'Bo', 'bo', 'active', 'synthflow', NULL, NULL, 1717000006000, 1717000006000),
    (8, 'ElevenLabs Voice Studio', 'elevenlabs voice studio', 'inactive', 'elevenlabs', NULL, NULL, 1717000007000, 1717000007000),
    (9, 'Closed Clinic', 'closed clinic', 'active', 'retell', NULL, NULL, 1717000008000, 1717000008000);
UPDATE sub_accounts SET status = 'inactive', updated_at = 1717600000000 WHERE id = 2;
DELETE FROM sub_accounts WHERE id = 9;
INSERT INTO audit_log (id, at, actor, action, sub_account_id, sub_account_name, summary) VALUES
    (1, 1717000000000, 'admin', 'sub_account.create', 1, 'Acme Dental', 'Created sub-account “Acme Dental”'),
    (2, 1717000001000, 'admin', 'sub_account.create', 2, 'Zürich Zahnärzte AG', 'Created sub-account “Zürich Zahnärzte AG”'),
    (3, 1717600000000, 'admin', 'sub_account.deactivate', 2, 'Zürich Zahnärzte AG', 'Deactivated'),
    (4, 1717000008000, 'admin', 'sub_account.create', 9, 'Closed Clinic', 'Created sub-account “Closed Clinic”'),
    (5, 1717700000000, 'admin', 'sub_account.delete', 9, 'Closed Clinic', 'Deleted sub-account “Closed Clinic”'),
    (6, 1717800000000, 'admin', 'settings.update', NULL, '', 'Time zone: Europe/Zürich'),
    (7, 1717900000000, 'system', 'license.activate', NULL, '', 'Activated licence SB-2024-0042');
INSERT INTO audit_log (id, at, actor, action, summary) VALUES
    (8, 1718000000000, 'admin', 'export.calls', 'Exported 1 204 calls to calls.csv');
`

// fixtureV2 adds provider connections (every state, a shared provider
// account), sync states (one mid-run, one paused), concurrency settings
// (with and without a limit) and app settings; fixtureV2Calls adds calls.
const fixtureV2 = `
INSERT INTO provider_connections (sub_account_id, provider, settings, secret_hint, state, state_reason, checked_at, account_key, created_at, updated_at) VALUES
    (1, 'retell', '{"agentId":"agent_7f3a","region":"us-east"}', '••••3f9a', 'connected', '', 1718000000000, 'k1:5d41402abc4b2a76b9719d911017c592', 1717000100000, 1718000000000),
    (2, 'vapi', '{"orgName":"Zürich Zahnärzte"}', '••••77c1', 'invalid', 'Vapi refused the API key (401)', 1717600000000, '', 1717000101000, 1717600000000),
    (4, 'bland', '{}', '••••0b1e', 'not_verified', '', NULL, '', 1717000103000, 1717000103000),
    (5, 'twilio', '{"accountSid":"AC0123456789abcdef0123456789abcdef"}', '••••e5f6', 'connected', '', 1717300000000, 'k1:5d41402abc4b2a76b9719d911017c592', 1717000104000, 1717300000000);
INSERT INTO provider_connections (sub_account_id, provider, state, created_at, updated_at) VALUES
    (8, 'elevenlabs', 'connected', 1717000107000, 1717000107000);
INSERT INTO sync_states (sub_account_id, auto_sync, watermark, run_since, run_until, run_cursor, last_sync_at, last_attempt_at, last_error, paused) VALUES
    (1, 1, 1718003600000, NULL, NULL, '', 1718003700000, 1718003700000, '', 0),
    (2, 1, 1717500000000, NULL, NULL, '', 1717500100000, 1717600000000, 'Vapi refused the API key (401)', 1),
    (4, 0, NULL, 1717000000000, 1717100000000, 'eyJwYWdlIjozfQ==', NULL, 1717100000000, '', 0);
INSERT INTO sync_states (sub_account_id) VALUES (5);
INSERT INTO concurrency_settings (sub_account_id, limit_total, limit_source, outbound, pool_name, updated_at) VALUES
    (1, 20, 'provider', 15, 'West Coast', 1718000000000),
    (2, NULL, 'manual', 0, '', 1717000001000),
    (5, 20, 'provider', 5, 'West Coast', 1717300000000),
    (6, 0, 'manual', 0, '', 1717000005000);
INSERT INTO app_settings (key, value) VALUES
    ('timezone', 'Europe/Zürich'),
    ('sync_interval_minutes', '15'),
    ('currency', 'EUR'),
    ('theme', '');
`

// TestMigrateFromEveryVersion migrates an empty database and an empty-table
// database at every earlier version to the latest, through the app's Migrate.
func TestMigrateFromEveryVersion(t *testing.T) {
	ctx := context.Background()
	versions := migrationVersions(t)
	latest := versions[len(versions)-1]
	for _, from := range append([]int64{0}, versions[:len(versions)-1]...) {
		name := fmt.Sprintf("from v%d", from)
		if from == 0 {
			name = "from an empty file"
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), db.FileName)
			if from > 0 {
				d := openSQL(t, path)
				if _, err := gooseProvider(t, d).UpTo(ctx, from); err != nil {
					t.Fatalf("up to %d: %v", from, err)
				}
				d.Close()
			}
			backup := migrateWithApp(t, path)
			d := openSQL(t, path)
			if v := schemaVersion(t, d); v != latest {
				t.Errorf("at version %d, want %d", v, latest)
			}
			checkSound(t, d)
			if from == 0 {
				if backup != "" {
					t.Errorf("an empty database got a backup %s", backup)
				}
				return
			}
			checkBackup(t, path, backup)
			if v := schemaVersion(t, openSQL(t, backup)); v != from {
				t.Errorf("backup at version %d, want %d", v, from)
			}
		})
	}
}

// TestMigrateKeepsRowsFromEveryVersion fills a database at every earlier
// version with that version's fixture, migrates it with the app's Migrate,
// and checks that the backup holds the old rows, that every row keeps its
// values in every column it had, and that the tallies and search index
// still agree with sub_accounts.
func TestMigrateKeepsRowsFromEveryVersion(t *testing.T) {
	versions := migrationVersions(t)
	latest := versions[len(versions)-1]
	for v := range migrationFixtures {
		if !slices.Contains(versions, v) {
			t.Errorf("migrationFixtures has version %d, which no migration has", v)
		}
	}
	// The latest version's fixture, when there is one, is migrated from
	// only once a newer migration exists; until then, check that it loads.
	if fixture, ok := migrationFixtures[latest]; ok {
		t.Run(fmt.Sprintf("fixture v%d loads", latest), func(t *testing.T) {
			loadFixture(t, filepath.Join(t.TempDir(), db.FileName), latest, fixture)
		})
	}
	for _, v := range versions[:len(versions)-1] {
		t.Run(fmt.Sprintf("from v%d", v), func(t *testing.T) {
			fixture, ok := migrationFixtures[v]
			if !ok {
				t.Fatalf("no fixture for schema version %d: add migrationFixtures[%d] to db/migrate_test.go, with rows valid at version %d in every table it has", v, v, v)
			}
			path := filepath.Join(t.TempDir(), db.FileName)
			before := loadFixture(t, path, v, fixture)

			backup := migrateWithApp(t, path)

			t.Run("backup holds the old rows", func(t *testing.T) {
				checkBackup(t, path, backup)
				b := openSQL(t, backup)
				if got := schemaVersion(t, b); got != v {
					t.Errorf("backup at version %d, want %d", got, v)
				}
				got := map[string]tableRows{}
				for table := range before {
					got[table] = readTable(t, b, table, nil)
				}
				if diff := diffTables(before, got); diff != "" {
					t.Errorf("backup differs from the database before migrating:\n%s", diff)
				}
				checkSound(t, b)
			})

			d := openSQL(t, path)
			if got := schemaVersion(t, d); got != latest {
				t.Fatalf("at version %d, want %d", got, latest)
			}
			t.Run("rows keep their values", func(t *testing.T) {
				conversions := conversionsFrom(v)
				after := map[string]tableRows{}
				for table, old := range before {
					cols, _ := columns(t, d, table)
					if len(cols) == 0 {
						t.Errorf("table %s, present at version %d, is gone", table, v)
						continue
					}
					missing := false
					read := slices.Clone(old.cols)
					for i, c := range old.cols {
						if expr, ok := conversions[table][c]; ok {
							read[i] = "(" + expr + ") AS " + quoteIdent(c)
							continue
						}
						if !slices.Contains(cols, c) {
							t.Errorf("column %s.%s, present at version %d, is gone", table, c, v)
							missing = true
						}
					}
					if !missing {
						rows := readTable(t, d, table, read)
						rows.cols = old.cols
						after[table] = rows
					}
				}
				for table := range before {
					if _, ok := after[table]; !ok {
						delete(before, table) // reported above
					}
				}
				if diff := diffTables(before, after); diff != "" {
					t.Errorf("migrating from version %d changed rows:\n%s", v, diff)
				}
			})
			t.Run("database sound", func(t *testing.T) { checkSound(t, d) })
			t.Run("tallies and search index agree", func(t *testing.T) { checkDerived(t, d) })
		})
	}
}

// TestMigrateNormalisesCalls checks what version 4 made of version 2's
// calls: each provider status word normalised, costs in micros.
func TestMigrateNormalisesCalls(t *testing.T) {
	path := filepath.Join(t.TempDir(), db.FileName)
	loadFixture(t, path, 2, migrationFixtures[2])
	migrateWithApp(t, path)
	d := openSQL(t, path)
	rows, err := d.Query("SELECT id, status, status_raw, cost_micros, currency FROM calls ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var id, micros int64
		var status, raw, currency string
		if err := rows.Scan(&id, &status, &raw, &micros, &currency); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d %s(%s) %d %s", id, status, raw, micros, currency))
	}
	want := []string{
		"1 completed(ended) 300000 USD", "2 completed(ended) 550000 USD", "3 in_progress(ongoing) 0 ",
		"4 failed(failed) 0 CHF", "5 unknown() 500000000 JPY", "6 completed(completed) 12340000 USD", "7 unknown() 0 ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("calls after migrating:\n got %q\nwant %q", got, want)
	}
}

func TestMigrateIsIdempotentAndWritesNoBackupWhenCurrent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, db.FileName)
	s, err := db.OpenMigrated(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	execSQL(t, openSQL(t, path), "INSERT INTO sub_accounts (name, name_key, created_at, updated_at) VALUES ('Acme Dental', 'acme dental', 1, 1)")
	filesBefore := dbFiles(t, dir)
	if backup := migrateWithApp(t, path); backup != "" {
		t.Errorf("second migrate wrote a backup %q", backup)
	}
	if filesAfter := dbFiles(t, dir); !slices.Equal(filesAfter, filesBefore) {
		t.Errorf("second migrate left files %v, want %v", filesAfter, filesBefore)
	}
	d := openSQL(t, path)
	versions := migrationVersions(t)
	if v := schemaVersion(t, d); v != versions[len(versions)-1] {
		t.Errorf("at version %d, want %d", v, versions[len(versions)-1])
	}
	if n := count(t, d, "SELECT count(*) FROM sub_accounts"); n != 1 {
		t.Errorf("%d sub-accounts after the second migrate, want 1", n)
	}
}

// loadFixture creates a database at path at version v, loads fixture into it
// in one transaction, and returns every table's rows (but goose's). It fails
// t when the fixture leaves a table empty or the derived tables disagree.
func loadFixture(t *testing.T, path string, v int64, fixture string) map[string]tableRows {
	t.Helper()
	d := openSQL(t, path)
	defer d.Close()
	if _, err := gooseProvider(t, d).UpTo(context.Background(), v); err != nil {
		t.Fatalf("up to %d: %v", v, err)
	}
	tx, err := d.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(fixture); err != nil {
		tx.Rollback()
		t.Fatalf("fixture for version %d: %v", v, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	rows := map[string]tableRows{}
	for _, table := range tableNames(t, d, "table") {
		if table == "goose_db_version" {
			continue
		}
		rows[table] = readTable(t, d, table, nil)
		if len(rows[table].rows) == 0 {
			t.Errorf("fixture for version %d leaves table %s empty: add rows to migrationFixtures[%d]", v, table, v)
		}
	}
	checkDerived(t, d)
	checkSound(t, d)
	return rows
}

// dbFiles lists the files in dir but SQLite's -wal and -shm companions.
func dbFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); !strings.HasSuffix(n, "-wal") && !strings.HasSuffix(n, "-shm") {
			out = append(out, n)
		}
	}
	return out
}

// migrateWithApp migrates the database at path with the app's own Open and
// Migrate, and returns the backup Migrate wrote ("" for none).
func migrateWithApp(t *testing.T, path string) string {
	t.Helper()
	s, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	backup, err := s.Migrate(context.Background())
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return backup
}

// checkBackup fails t unless backup is a file beside the database at path.
func checkBackup(t *testing.T, path, backup string) {
	t.Helper()
	if backup == "" {
		t.Fatal("Migrate wrote no backup of a database with a schema")
	}
	if filepath.Dir(backup) != filepath.Dir(path) || filepath.Base(backup) == filepath.Base(path) {
		t.Errorf("backup %s is not beside the database %s", backup, path)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Size() == 0 {
		t.Fatalf("backup %s: %v", backup, err)
	}
}
