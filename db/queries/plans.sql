-- Plans, their versions, the plans each sub-account offers and its pricing
-- settings (migration 00007).

-- name: CreatePlan :one
INSERT INTO plans (name, name_key, sub_account_id, created_at, updated_at)
VALUES (?, ?, ?, ?, ?)
RETURNING *;

-- name: GetPlan :one
SELECT * FROM plans WHERE id = ?;

-- name: GetCatalogPlanByNameKey :one
SELECT * FROM plans WHERE sub_account_id IS NULL AND name_key = ?;

-- name: GetCustomPlanByNameKey :one
SELECT * FROM plans WHERE sub_account_id = ? AND name_key = ?;

-- name: RenamePlan :exec
UPDATE plans SET name = ?, name_key = ?, updated_at = ? WHERE id = ?;

-- name: SetPlanArchived :exec
UPDATE plans SET archived_at = ?, updated_at = ? WHERE id = ?;

-- name: DeletePlan :execrows
DELETE FROM plans WHERE id = ?;

-- name: CreatePlanVersion :one
INSERT INTO plan_versions (plan_id, version, price_minor, currency, interval, included_minutes, overage_micros, bullets, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING *;

-- name: GetLatestPlanVersion :one
SELECT * FROM plan_versions WHERE plan_id = ? ORDER BY version DESC LIMIT 1;

-- name: ListCatalogPlans :many
-- Catalog plans at their newest version, by name, with how many
-- sub-accounts offer each and how many of those keep an older version.
-- plan_id 0 lists every plan, else that one.
SELECT p.id, p.name, p.archived_at, v.id AS version_id, v.version, v.price_minor, v.currency, v.interval,
       v.included_minutes, v.overage_micros, v.bullets,
       (SELECT count(*) FROM offered_plans o WHERE o.plan_id = p.id) AS offered_by,
       (SELECT count(*) FROM offered_plans o WHERE o.plan_id = p.id AND o.plan_version_id <> v.id) AS offered_old_terms
FROM plans p
JOIN plan_versions v ON v.plan_id = p.id
 AND v.version = (SELECT max(version) FROM plan_versions m WHERE m.plan_id = p.id)
WHERE p.sub_account_id IS NULL
  AND (CAST(sqlc.arg(include_archived) AS INTEGER) = 1 OR p.archived_at IS NULL)
  AND (CAST(sqlc.arg(plan_id) AS INTEGER) = 0 OR p.id = sqlc.arg(plan_id))
ORDER BY p.name_key, p.id;

-- name: ListOfferedPlans :many
-- The plans a sub-account offers, in display order, at the version it
-- offers, with each plan's newest version number.
SELECT o.plan_id, o.position, o.popular, p.name, p.sub_account_id AS owner_id, p.archived_at,
       v.id AS version_id, v.version, v.price_minor, v.currency, v.interval, v.included_minutes,
       v.overage_micros, v.bullets,
       CAST((SELECT max(version) FROM plan_versions m WHERE m.plan_id = o.plan_id) AS INTEGER) AS latest_version
FROM offered_plans o
JOIN plans p ON p.id = o.plan_id
JOIN plan_versions v ON v.id = o.plan_version_id
WHERE o.sub_account_id = ?
ORDER BY o.position, o.plan_id;

-- name: ListPlanOfferers :many
-- The sub-accounts that offer a plan, by name, with the version each offers.
SELECT o.sub_account_id, a.name, o.plan_version_id, v.version
FROM offered_plans o
JOIN sub_accounts a ON a.id = o.sub_account_id
JOIN plan_versions v ON v.id = o.plan_version_id
WHERE o.plan_id = ?
ORDER BY a.name_key, a.id;

-- name: CreateOffer :exec
INSERT INTO offered_plans (sub_account_id, plan_id, plan_version_id, position, popular)
VALUES (?, ?, ?, ?, 0);

-- name: DeleteOffer :execrows
DELETE FROM offered_plans WHERE sub_account_id = ? AND plan_id = ?;

-- name: DeleteOffersOfPlan :execrows
DELETE FROM offered_plans WHERE plan_id = ?;

-- name: SetOfferPosition :exec
UPDATE offered_plans SET position = ? WHERE sub_account_id = ? AND plan_id = ?;

-- name: SetOfferPopular :exec
UPDATE offered_plans SET popular = ? WHERE sub_account_id = ? AND plan_id = ?;

-- name: ClearPopularOffers :exec
UPDATE offered_plans SET popular = 0 WHERE sub_account_id = ? AND popular = 1;

-- name: SetOfferVersion :exec
UPDATE offered_plans SET plan_version_id = ? WHERE sub_account_id = ? AND plan_id = ?;

-- name: MoveOffersBetweenVersions :exec
-- Moves the offers of a plan at one version to another (a new version
-- that changed only the wording).
UPDATE offered_plans SET plan_version_id = sqlc.arg(to_version_id)
WHERE plan_id = sqlc.arg(plan_id) AND plan_version_id = sqlc.arg(from_version_id);

-- name: GetPricingSettings :one
SELECT * FROM pricing_settings WHERE sub_account_id = ?;

-- name: UpsertPricingSettings :exec
INSERT INTO pricing_settings (sub_account_id, show_pricing) VALUES (?, ?)
ON CONFLICT (sub_account_id) DO UPDATE SET show_pricing = excluded.show_pricing;
