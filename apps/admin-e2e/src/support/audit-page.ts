import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The audit trail page as an administrator sees it. */
export class AuditPage {
  readonly heading: Locator;
  readonly action: Locator;
  readonly actorEmail: Locator;
  readonly targetEmail: Locator;
  readonly clearFilters: Locator;
  readonly download: Locator;
  readonly table: Locator;
  /** Body rows that hold an event (not the "no events" row). */
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly range: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audit trail' });
    this.action = page.getByRole('combobox', { name: 'Action', exact: true });
    this.actorEmail = page.getByRole('textbox', { name: 'Actor email' });
    this.targetEmail = page.getByRole('textbox', { name: 'Target email' });
    this.clearFilters = page.getByRole('button', { name: 'Clear filters' });
    this.download = page.getByRole('button', { name: 'Download CSV' });
    this.table = page.getByRole('table', { name: 'Audit events' });
    this.emptyState = this.table.locator('td.no-data');
    this.rows = this.table
      .locator('tbody tr')
      .filter({ hasNot: page.locator('td.no-data') });
    this.range = page.locator('mat-paginator').getByRole('status');
  }

  async goto(): Promise<void> {
    await this.page.goto('/audit');
    await this.loaded();
  }

  /** The page is shown and the events have arrived (rows or the empty state). */
  async loaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.table.getByText('Loading events…')).toHaveCount(0);
    await expect(this.page.locator('.table-scroll.stale')).toHaveCount(0);
    await expect(this.rows.first().or(this.emptyState)).toBeVisible();
  }

  /** Picks an action in the filter, as a person would. */
  async filterByAction(label: string): Promise<void> {
    await this.action.click();
    await this.page
      .getByRole('listbox')
      .getByRole('option', { name: label, exact: true })
      .click();
    await expect(this.page.getByRole('listbox')).toHaveCount(0);
    await expect(this.action).toContainText(label);
    await this.loaded();
  }

  /** Types an email into a filter box; the filter applies when the box loses focus. */
  async filterBy(box: Locator, text: string): Promise<void> {
    await box.fill(text);
    await box.press('Tab');
    await this.loaded();
  }

  /** The cell of a row in the column with this class (occurredAt, action, actor, target, change). */
  cells(column: string): Locator {
    return this.rows.locator(`td.mat-column-${column}`);
  }

  /** "1 – 25 of 42" → 42. */
  async total(): Promise<number> {
    const text = (await this.range.textContent()) ?? '';
    const match = /of\s+(\d+)/.exec(text);
    if (!match) throw new Error(`no total in the paginator's “${text}”`);
    return Number(match[1]);
  }
}
