export type View = 'list' | 'detail' | 'audit';

/** Which screen the main area shows. The list stays mounted while the detail is open. */
export class Nav {
  view = $state<View>('list');
  /** The sub-account the detail view shows. */
  detailId = $state<number | null>(null);
  /** The sub-account whose detail was last open, to give its row focus back. */
  lastDetailId = $state<number | null>(null);

  openDetail(id: number): void {
    this.detailId = id;
    this.lastDetailId = id;
    this.view = 'detail';
  }

  backToList(): void {
    this.detailId = null;
    this.view = 'list';
  }

  showAudit(): void {
    this.detailId = null;
    this.view = 'audit';
  }
}

export const nav = new Nav();
