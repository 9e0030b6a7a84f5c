import { PlanInterval } from '../../api';

/** The interval as a column or a picker says it: "Monthly", "Yearly". */
export function intervalName(i: PlanInterval | `${PlanInterval}`): string {
  return i === PlanInterval.Year ? 'Yearly' : 'Monthly';
}

/** The interval after a price: "per month", "per year" (as Go's preview cards say it). */
export function perInterval(i: PlanInterval | `${PlanInterval}`): string {
  return i === PlanInterval.Year ? 'per year' : 'per month';
}
