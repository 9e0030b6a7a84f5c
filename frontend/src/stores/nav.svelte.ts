import type { AccessSessionView } from '../api';

export type View = 'list' | 'detail' | 'audit' | 'settings' | 'plans' | 'customer';

/** Which screen the main area shows. The list stays mounted while the detail is open. */
export class Nav {
  view = $state<View>('list');
  /** The sub-account the detail view shows. */
  detailId = $state<number | null>(null);
  /** The sub-account whose detail was last open, to give its row focus back. */
  lastDetailId = $state<number | null>(null);
  /** The open Access Account session the customer's view shows (view 'customer'). */
  accessSession = $state.raw<AccessSessionView | null>(null);

  openDetail(id: number): void {
    this.detailId = id;
    this.lastDetailId = id;
    this.view = 'detail';
  }

  backToList(): void {
    this.detailId = null;
    this.accessSession = null;
    this.view = 'list';
  }

  /**
   * The customer's view of an Access Account session, in place of the whole window until "Back to
   * List View" (which returns to the list, its row focused again).
   */
  openCustomer(session: AccessSessionView): void {
    this.detailId = null;
    this.lastDetailId = session.subAccountId;
    this.accessSession = session;
    this.view = 'customer';
  }

  showAudit(): void {
    this.detailId = null;
    this.view = 'audit';
  }

  /** The agency's plan catalog. */
  showPlans(): void {
    this.detailId = null;
    this.view = 'plans';
  }

  /** The agency-level settings: the default permissions and the sub-accounts that differ. */
  showSettings(): void {
    this.detailId = null;
    this.view = 'settings';
  }
}

export const nav = new Nav();
