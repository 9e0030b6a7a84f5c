-- +goose Up
-- Subscription plans and what each sub-account offers its customers.
-- Money is integer minor units of an ISO 4217 currency (cents; yen have
-- none); overage rates are micros (millionths) of the currency's major unit
-- per minute, so a rate such as $0.035 a minute is exact. Times are Unix
-- milliseconds, UTC.

-- plans: a plan's identity and name. sub_account_id NULL is a plan of the
-- agency's catalog, offered to any sub-account; set, a custom plan that
-- exists only for that sub-account (and goes with it). The terms live in
-- plan_versions. archived_at set: the plan cannot be newly offered; the
-- offers it has stay.
CREATE TABLE plans (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The display name, trimmed, 2-60 characters.
    name           TEXT    NOT NULL CHECK (length(name) BETWEEN 2 AND 60 AND name = trim(name)),
    -- The name normalised and case-folded: names are unique regardless of case.
    name_key       TEXT    NOT NULL CHECK (name_key <> ''),
    sub_account_id INTEGER REFERENCES sub_accounts (id) ON DELETE CASCADE,
    archived_at    INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- Names are unique in the catalog, and among one sub-account's custom plans.
CREATE UNIQUE INDEX plans_catalog_name ON plans (name_key) WHERE sub_account_id IS NULL;
CREATE UNIQUE INDEX plans_custom_name ON plans (sub_account_id, name_key) WHERE sub_account_id IS NOT NULL;

-- A catalog plan stays in the catalog and a custom plan with its sub-account.
-- +goose StatementBegin
CREATE TRIGGER plans_owner_immutable BEFORE UPDATE OF sub_account_id ON plans
WHEN NEW.sub_account_id IS NOT OLD.sub_account_id
BEGIN
    SELECT RAISE(ABORT, 'a plan cannot move between the catalog and a sub-account');
END;
-- +goose StatementEnd

-- plan_versions: the terms of a plan, one row per version, 1, 2, ...; the
-- highest is the plan's current terms. A change of terms adds a version, so
-- a sub-account offered an older one keeps exactly those terms until it is
-- moved. bullets is a JSON array of strings (the feature list).
CREATE TABLE plan_versions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id          INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    version          INTEGER NOT NULL CHECK (version >= 1),
    price_minor      INTEGER NOT NULL CHECK (price_minor >= 0),
    currency         TEXT    NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    interval         TEXT    NOT NULL CHECK (interval IN ('month', 'year')),
    included_minutes INTEGER NOT NULL CHECK (included_minutes >= 0),
    overage_micros   INTEGER NOT NULL CHECK (overage_micros >= 0),
    bullets          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(bullets) AND json_type(bullets) = 'array'),
    created_at       INTEGER NOT NULL,
    UNIQUE (plan_id, version),
    -- The key offered_plans refers to: a version of that very plan.
    UNIQUE (plan_id, id)
);

-- Versions are immutable: no UPDATE ever, and no DELETE but the cascade of
-- their plan's deletion (the plan row is gone by then). REPLACE, which
-- deletes the row it replaces, is refused by the same trigger.
-- +goose StatementBegin
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions BEGIN
    SELECT RAISE(ABORT, 'plan versions are immutable');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
WHEN EXISTS (SELECT 1 FROM plans WHERE id = OLD.plan_id)
BEGIN
    SELECT RAISE(ABORT, 'plan versions are immutable');
END;
-- +goose StatementEnd

-- offered_plans: the plans a sub-account offers, at the version it offers
-- (not necessarily the newest), in display order (position 0 is shown
-- first), and which one is marked popular (at most one per sub-account).
-- Deleting an offered plan is refused until its offers are removed.
CREATE TABLE offered_plans (
    sub_account_id  INTEGER NOT NULL REFERENCES sub_accounts (id) ON DELETE CASCADE,
    plan_id         INTEGER NOT NULL REFERENCES plans (id),
    plan_version_id INTEGER NOT NULL,
    position        INTEGER NOT NULL CHECK (position >= 0),
    popular         INTEGER NOT NULL DEFAULT 0 CHECK (popular IN (0, 1)),
    PRIMARY KEY (sub_account_id, plan_id),
    FOREIGN KEY (plan_id, plan_version_id) REFERENCES plan_versions (plan_id, id)
) WITHOUT ROWID;

CREATE INDEX offered_plans_by_plan ON offered_plans (plan_id, plan_version_id);
CREATE UNIQUE INDEX offered_plans_one_popular ON offered_plans (sub_account_id) WHERE popular = 1;

-- An archived plan is not newly offered, and a custom plan is offered only
-- to its own sub-account.
-- +goose StatementBegin
CREATE TRIGGER offered_plans_not_archived BEFORE INSERT ON offered_plans
WHEN EXISTS (SELECT 1 FROM plans WHERE id = NEW.plan_id AND archived_at IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'an archived plan cannot be newly offered');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER offered_plans_custom_owner BEFORE INSERT ON offered_plans
WHEN EXISTS (SELECT 1 FROM plans WHERE id = NEW.plan_id AND sub_account_id IS NOT NULL AND sub_account_id <> NEW.sub_account_id)
BEGIN
    SELECT RAISE(ABORT, 'a custom plan is offered only to its own sub-account');
END;
-- +goose StatementEnd

-- The plans one sub-account offers share one currency.
-- +goose StatementBegin
CREATE TRIGGER offered_plans_one_currency_insert BEFORE INSERT ON offered_plans
WHEN EXISTS (
    SELECT 1 FROM offered_plans o JOIN plan_versions v ON v.id = o.plan_version_id
    WHERE o.sub_account_id = NEW.sub_account_id AND o.plan_id <> NEW.plan_id
      AND v.currency <> (SELECT currency FROM plan_versions WHERE id = NEW.plan_version_id))
BEGIN
    SELECT RAISE(ABORT, 'the plans offered to one sub-account share one currency');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER offered_plans_one_currency_update BEFORE UPDATE OF plan_version_id ON offered_plans
WHEN EXISTS (
    SELECT 1 FROM offered_plans o JOIN plan_versions v ON v.id = o.plan_version_id
    WHERE o.sub_account_id = NEW.sub_account_id AND o.plan_id <> NEW.plan_id
      AND v.currency <> (SELECT currency FROM plan_versions WHERE id = NEW.plan_version_id))
BEGIN
    SELECT RAISE(ABORT, 'the plans offered to one sub-account share one currency');
END;
-- +goose StatementEnd

-- pricing_settings: per sub-account, whether the customer's application
-- shows its pricing page. No row means the default: shown.
CREATE TABLE pricing_settings (
    sub_account_id INTEGER PRIMARY KEY REFERENCES sub_accounts (id) ON DELETE CASCADE,
    show_pricing   INTEGER NOT NULL DEFAULT 1 CHECK (show_pricing IN (0, 1))
);

-- +goose Down
DROP TABLE pricing_settings;
DROP TABLE offered_plans;
DROP TABLE plan_versions;
DROP TABLE plans;
