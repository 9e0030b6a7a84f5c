import * as svc from '../../wailsjs/go/backend/PricingService';
import { call } from './errors';
import type { PlanInput, PricingView } from './types';

/** A sub-account's Pricing tab. Every change below resolves the new view. */
export function getPricing(subAccountId: number): Promise<PricingView> {
  return call(() => svc.Get(subAccountId));
}

/** Shows or hides pricing in the customer's application. */
export function setShowPricing(subAccountId: number, show: boolean): Promise<PricingView> {
  return call(() => svc.SetShowPricing(subAccountId, show));
}

/** Offers a catalog plan, shown first; AppError conflict (archived, already offered) or invalid on fields.currency. */
export function offerPlan(subAccountId: number, planId: number): Promise<PricingView> {
  return call(() => svc.Offer(subAccountId, planId));
}

/** Stops offering a catalog plan (a custom plan is deleted instead). */
export function withdrawPlan(subAccountId: number, planId: number): Promise<PricingView> {
  return call(() => svc.Withdraw(subAccountId, planId));
}

/** Sets the display order: every offered plan once, first shown first. */
export function reorderPlans(subAccountId: number, planIds: number[]): Promise<PricingView> {
  return call(() => svc.Reorder(subAccountId, [...planIds]));
}

/** Moves an offered plan one place: by -1 up, +1 down (a no-op at the edge). */
export function movePlan(subAccountId: number, planId: number, by: -1 | 1): Promise<PricingView> {
  return call(() => svc.Move(subAccountId, planId, by));
}

/** Marks an offered plan popular (clearing the mark of any other) or removes the mark. */
export function setPopularPlan(subAccountId: number, planId: number, popular: boolean): Promise<PricingView> {
  return call(() => svc.SetPopular(subAccountId, planId, popular));
}

/** Makes a plan for this sub-account only, offered first; field errors as for createPlan, plus fields.currency. */
export function createCustomPlan(subAccountId: number, input: PlanInput): Promise<PricingView> {
  return call(() => svc.CreateCustom(subAccountId, { ...input, bullets: [...input.bullets] }));
}

/** Edits one of the sub-account's custom plans; the offer moves to the new terms at once. */
export function updateCustomPlan(subAccountId: number, planId: number, input: PlanInput): Promise<PricingView> {
  return call(() => svc.UpdateCustom(subAccountId, planId, { ...input, bullets: [...input.bullets] }));
}

/** Deletes one of the sub-account's custom plans and its offer. */
export function deleteCustomPlan(subAccountId: number, planId: number): Promise<PricingView> {
  return call(() => svc.DeleteCustom(subAccountId, planId));
}
