package main

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"switchboard/backend"
	"switchboard/backend/keychain/keychaintest"
)

// killDuringChanges kills a child making a burst of sub-account changes
// (create, disable, enable, delete, as fast as it can) at a random moment.
// After every kill the database must be sound and hold every change the
// child reported, with its audit entry; at most the one change in flight
// may be missing; no change may be there without its audit entry; and no
// new sub-account may have an id given before, even to a deleted one.
func killDuringChanges(h *harness) (int, []string) {
	dir := filepath.Join(h.work, "changes")
	open := func() (*backend.Backend, error) {
		return backend.New(backend.Config{DataDir: dir, Actor: "torture", Now: time.Now, Secrets: &keychaintest.Memory{}})
	}
	var failures []string
	highest := int64(0) // the highest id ever seen
	for trial := 1; trial <= h.trials; trial++ {
		p, err := spawn("changes", map[string]string{"TORTURE_DIR": dir,
			"TORTURE_TRIAL": strconv.Itoa(trial), "TORTURE_SEED": strconv.FormatUint(h.rng.Uint64(), 10)})
		if err != nil {
			return trial, append(failures, err.Error())
		}
		if p.waitFor(time.Minute, func(l string) bool { return l == "ready" }) == "" {
			p.kill(0)
			failures = append(failures, fmt.Sprintf("trial %d: the child did not start: %s", trial, p.stderr.String()))
			continue
		}
		if killed, err := p.kill(time.Duration(5_000+h.rng.IntN(145_000)) * time.Microsecond); !killed {
			failures = append(failures, fmt.Sprintf("trial %d: the child ended by itself: %v: %s", trial, err, p.stderr.String()))
		}
		ops := parseOps(p.reported())
		b, err := open()
		if err != nil {
			failures = append(failures, fmt.Sprintf("trial %d: reopen after the kill: %v", trial, err))
			continue
		}
		problems := append(soundness(b.Store.SQL()), checkChanges(b.Store.SQL(), ops, highest)...)
		for _, op := range ops {
			highest = max(highest, op.id)
		}
		highest = max(highest, count(b.Store.SQL(), "SELECT coalesce(max(id), 0) FROM sub_accounts"))
		b.Close()
		for _, pr := range problems {
			failures = append(failures, fmt.Sprintf("trial %d: %s", trial, pr))
		}
		h.logf("changes trial %d: %d changes reported", trial, len(ops))
	}
	return h.trials, failures
}

// op is one change the child reported committed.
type op struct {
	kind string // create, disable, enable, delete
	id   int64
}

func parseOps(lines []string) []op {
	var out []op
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		if id, err := strconv.ParseInt(f[1], 10, 64); err == nil {
			out = append(out, op{f[0], id})
		}
	}
	return out
}

// checkChanges checks the reported changes against the database.
func checkChanges(d *sql.DB, ops []op, highest int64) []string {
	var problems []string
	// What the reported changes leave, per sub-account: "" deleted.
	want := map[int64]string{}
	for _, o := range ops {
		switch o.kind {
		case "create":
			if o.id <= highest {
				problems = append(problems, fmt.Sprintf("sub-account %d was created with an id given before (the highest was %d)", o.id, highest))
			}
			want[o.id] = "active"
		case "disable":
			want[o.id] = "inactive"
		case "enable":
			want[o.id] = "active"
		case "delete":
			want[o.id] = ""
		}
		action := map[string]string{"create": "sub_account.create", "disable": "sub_account.disable",
			"enable": "sub_account.enable", "delete": "sub_account.delete"}[o.kind]
		if count(d, "SELECT count(*) FROM audit_log WHERE action = ? AND sub_account_id = ?", action, o.id) == 0 {
			problems = append(problems, fmt.Sprintf("the reported %s of sub-account %d has no audit entry", o.kind, o.id))
		}
	}
	differ := 0 // the one change in flight may or may not have landed
	for id, status := range want {
		var got string
		err := d.QueryRow("SELECT status FROM sub_accounts WHERE id = ?", id).Scan(&got)
		if err == sql.ErrNoRows {
			got = ""
		}
		if got != status {
			differ++
			if differ > 1 {
				problems = append(problems, fmt.Sprintf("sub-account %d is %q, but the reported changes left it %q", id, got, status))
			}
		}
	}
	// Every sub-account there has its creation in the audit log, and every
	// deletion in the audit log is real: a change and its entry are one.
	if n := count(d, `SELECT count(*) FROM sub_accounts s WHERE NOT EXISTS
	    (SELECT 1 FROM audit_log a WHERE a.action = 'sub_account.create' AND a.sub_account_id = s.id)`); n != 0 {
		problems = append(problems, fmt.Sprintf("%d sub-accounts without the audit entry of their creation", n))
	}
	if n := count(d, `SELECT count(*) FROM audit_log a WHERE a.action = 'sub_account.delete'
	    AND EXISTS (SELECT 1 FROM sub_accounts s WHERE s.id = a.sub_account_id)`); n != 0 {
		problems = append(problems, fmt.Sprintf("%d deletions in the audit log whose sub-account is still there", n))
	}
	if n := count(d, `SELECT count(*) FROM sub_accounts s WHERE s.status <> coalesce((SELECT CASE a.action
	    WHEN 'sub_account.disable' THEN 'inactive' ELSE 'active' END FROM audit_log a
	    WHERE a.sub_account_id = s.id AND a.action IN ('sub_account.create', 'sub_account.enable', 'sub_account.disable')
	    ORDER BY a.id DESC LIMIT 1), '')`); n != 0 {
		problems = append(problems, fmt.Sprintf("%d sub-accounts whose status is not what their last audit entry says", n))
	}
	return problems
}

// childChanges changes sub-accounts as fast as it can until it is killed,
// reporting each change once it is committed.
func childChanges() error {
	dir := os.Getenv("TORTURE_DIR")
	trial := os.Getenv("TORTURE_TRIAL")
	seed, _ := strconv.ParseUint(os.Getenv("TORTURE_SEED"), 10, 64)
	rng := rand.New(rand.NewPCG(seed, 2))
	b, err := backend.New(backend.Config{DataDir: dir, Actor: "torture-child", Now: time.Now, Secrets: &keychaintest.Memory{}})
	if err != nil {
		return err
	}
	defer b.Close()
	type live struct {
		id           int64
		name, status string
	}
	var subs []live
	rows, err := b.Store.SQL().Query("SELECT id, name, status FROM sub_accounts")
	if err != nil {
		return err
	}
	for rows.Next() {
		var s live
		rows.Scan(&s.id, &s.name, &s.status)
		subs = append(subs, s)
	}
	rows.Close()
	report("ready")
	for k := 1; ; k++ {
		if len(subs) < 5 || rng.IntN(3) == 0 {
			s, err := b.SubAccounts.Create(backend.CreateSubAccountInput{Name: fmt.Sprintf("Burst %s-%d", trial, k)})
			if err != nil {
				return err
			}
			subs = append(subs, live{s.ID, s.Name, "active"})
			report("create %d", s.ID)
			continue
		}
		i := rng.IntN(len(subs))
		s := &subs[i]
		switch {
		case rng.IntN(4) == 0:
			if err := b.SubAccounts.Delete(s.id, s.name); err != nil {
				return err
			}
			report("delete %d", s.id)
			subs = append(subs[:i], subs[i+1:]...)
		case s.status == "active":
			if _, err := b.SubAccounts.Disable(s.id); err != nil {
				return err
			}
			s.status = "inactive"
			report("disable %d", s.id)
		default:
			if _, err := b.SubAccounts.Enable(s.id); err != nil {
				return err
			}
			s.status = "active"
			report("enable %d", s.id)
		}
	}
}
