import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The People page as a person sees it: what they read and what they click. */
export class PeoplePage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly roleFilter: Locator;
  readonly table: Locator;
  /** Body rows that hold a person (not the "no people" row). */
  readonly rows: Locator;
  readonly names: Locator;
  readonly emptyState: Locator;
  readonly pageSize: Locator;
  readonly range: Locator;
  readonly snackBar: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'People' });
    this.search = page.getByRole('searchbox', {
      name: 'Search by name or email',
    });
    this.roleFilter = page.getByRole('combobox', { name: 'Role', exact: true });
    this.table = page.getByRole('table', { name: 'People' });
    this.rows = this.table
      .getByRole('row')
      .filter({ has: page.getByRole('combobox') });
    this.names = this.rows.locator('td.mat-column-name');
    this.emptyState = this.table.locator('td.no-data');
    this.pageSize = page.getByRole('combobox', { name: 'Items per page:' });
    this.range = page.locator('mat-paginator').getByRole('status');
    this.snackBar = page.locator('mat-snack-bar-container');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/users${query}`);
    await this.loaded();
  }

  /** The page is shown and the list has arrived (rows or the empty state). */
  async loaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.rows.first().or(this.emptyState)).toBeVisible();
    await expect(this.table.getByText('Loading people…')).toHaveCount(0);
    await expect(this.page.locator('.table-scroll.stale')).toHaveCount(0);
  }

  row(name: string): Locator {
    return this.rows.filter({
      has: this.page.getByRole('combobox', {
        name: `Role of ${name}`,
        exact: true,
      }),
    });
  }

  roleOf(name: string): Locator {
    return this.table.getByRole('combobox', {
      name: `Role of ${name}`,
      exact: true,
    });
  }

  /** Opens the row menu of the person named `name` and picks `item`. */
  async act(name: string, item: string): Promise<void> {
    await this.table
      .getByRole('button', { name: `Actions for ${name}`, exact: true })
      .click();
    await this.page.getByRole('menuitem', { name: item, exact: true }).click();
  }

  sortHeader(label: string): Locator {
    return this.table.getByRole('button', { name: label, exact: true });
  }

  columnHeader(label: string): Locator {
    return this.table.getByRole('columnheader', { name: label, exact: true });
  }

  /**
   * Opens a mat-select and picks an option. `force` is for the paginator's select, which
   * a wider touch target covers: the click lands on that target, as a person's would.
   */
  async choose(
    select: Locator,
    option: string,
    { force = false } = {},
  ): Promise<void> {
    await select.click({ force });
    await this.page
      .getByRole('listbox')
      .getByRole('option', { name: option, exact: true })
      .click();
    await expect(this.page.getByRole('listbox')).toHaveCount(0);
  }

  /** Types like a person (the box debounces) and waits for the URL to carry the search. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill('');
    await this.search.pressSequentially(text, { delay: 40 });
    await expect(this.page).toHaveURL(
      new RegExp(`[?&]search=${encodeURIComponent(text)}(&|$)`),
    );
    await this.loaded();
  }

  async clearSearch(): Promise<void> {
    await this.search.fill('');
    await expect(this.page).not.toHaveURL(/[?&]search=/);
    await this.loaded();
  }

  async visibleNames(): Promise<string[]> {
    return (await this.names.allTextContents()).map((name) => name.trim());
  }
}
