import * as svc from '../../wailsjs/go/backend/PlanService';
import { backend } from '../../wailsjs/go/models';
import { call } from './errors';
import type { Currency, Plan, PlanImpact, PlanInput } from './types';

/** How often a plan bills, as Go's enum ("month", "year"). */
export const PlanInterval = backend.PlanInterval;
export type PlanInterval = backend.PlanInterval;

/** The catalog plans by name, archived ones only when includeArchived. */
export function listPlans(includeArchived: boolean): Promise<Plan[]> {
  return call(() => svc.List({ includeArchived }));
}

/** The currencies a plan may be priced in, in the picker's order. */
export function listCurrencies(): Promise<Currency[]> {
  return call(() => svc.Currencies());
}

/** A price typed in the currency's major unit ("49.00") as minor units; AppError invalid on fields.priceMinor or fields.currency. */
export function parsePrice(text: string, currency: string): Promise<number> {
  return call(() => svc.ParsePrice(text, currency));
}

/** A rate per minute typed in the major unit ("0.035") as micros; AppError invalid on fields.overageMicros or fields.currency. */
export function parseRate(text: string, currency: string): Promise<number> {
  return call(() => svc.ParseRate(text, currency));
}

/** Adds a plan to the catalog; AppError invalid (field errors) or conflict on fields.name. */
export function createPlan(input: PlanInput): Promise<Plan> {
  return call(() => svc.Create({ ...input, bullets: [...input.bullets] }));
}

/** Which sub-accounts an edit of the plan concerns. */
export function planImpact(planId: number): Promise<PlanImpact> {
  return call(() => svc.Impact(planId));
}

/** Edits a catalog plan: a change of terms is a new version the offering sub-accounts do not get until moved. */
export function updatePlan(planId: number, input: PlanInput): Promise<Plan> {
  return call(() => svc.Update(planId, { ...input, bullets: [...input.bullets] }));
}

/** Moves the offers of the plan to its newest version (every offering sub-account when ids is empty); resolves how many moved. */
export function movePlanToLatest(planId: number, subAccountIds: number[]): Promise<number> {
  return call(() => svc.MoveToLatest(planId, [...subAccountIds]));
}

export function archivePlan(planId: number): Promise<Plan> {
  return call(() => svc.Archive(planId));
}

export function unarchivePlan(planId: number): Promise<Plan> {
  return call(() => svc.Unarchive(planId));
}

/** Deletes a plan; one offered by N sub-accounts needs confirmRemoveFrom = N (else AppError conflict naming them). */
export function deletePlan(planId: number, confirmRemoveFrom: number): Promise<void> {
  return call(() => svc.Delete(planId, confirmRemoveFrom));
}
