import type { Call, CallDirection, CallStatusFilter, CallTotals, Money } from '../../../api';
import { pluralCount } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';

/** The direction filter's choices, in menu order. */
export const DIRECTIONS: { value: CallDirection; label: string }[] = [
  { value: '', label: 'All directions' },
  { value: 'in', label: 'Inbound' },
  { value: 'out', label: 'Outbound' },
  { value: 'web', label: 'Web' },
  { value: 'unknown', label: 'Unknown' },
];

/** The status filter's choices (Go's normalised statuses), in menu order. */
export const STATUSES: { value: CallStatusFilter; label: string }[] = [
  { value: '', label: 'All statuses' },
  { value: 'completed', label: 'Completed' },
  { value: 'no_answer', label: 'No answer' },
  { value: 'busy', label: 'Busy' },
  { value: 'failed', label: 'Failed' },
  { value: 'canceled', label: 'Canceled' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'unknown', label: 'Unknown' },
];

/** "Inbound" for "in"; a value Go may add later is shown as it is. */
export function directionLabel(direction: string): string {
  if (direction === '') return 'Unknown';
  return DIRECTIONS.find((d) => d.value === direction)?.label ?? direction;
}

/** Seconds as m:ss (minutes are not capped at 59): 65 → "1:05", 0 → "0:00". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A call's cost exactly as the provider reported it (micros), in its currency's format: "$0.01234"; "" when none. */
export function callCost(c: Pick<Call, 'costMicros' | 'currency' | 'exponent'>): string {
  if (c.currency === '') return '';
  return formatMoney(c.costMicros, c.currency, c.exponent, { scale: 6 });
}

/** Every currency's total, as Go summed them (minor units), each in its own format: "$12.34 + €3.00". */
export function costsText(costs: readonly Money[]): string {
  return costs.map((m) => formatMoney(m.amountMinor, m.currency, m.exponent)).join(' + ');
}

/** "1,234 calls · 5,678 minutes · 12.34 USD" (the cost part only when a cost was reported). */
export function totalsText(t: CallTotals): string {
  const parts = [pluralCount(t.count, 'call'), pluralCount(t.minutes, 'minute')];
  const costs = costsText(t.costs);
  if (costs) parts.push(costs);
  return parts.join(' · ');
}
