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
  /** The detail's tab to open on (null: its first), read by the detail when it opens. */
  detailTab = $state<string | null>(null);
  /** The name of the sub-account just deleted from its detail, for the list to let go of. */
  deletedName = $state<string | null>(null);

  /** The sub-account's detail, on tab when given (a new one opens on its next step). */
  openDetail(id: number, tab: string | null = null): void {
    this.detailId = id;
    this.lastDetailId = id;
    this.detailTab = tab;
    this.deletedName = null;
    this.view = 'detail';
  }

  /** Back to the list; deletedName when the detail's sub-account was just deleted. */
  backToList(deletedName: string | null = null): void {
    this.detailId = null;
    this.accessSession = null;
    this.deletedName = deletedName;
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
