import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const SIGN_INS_CAPTION = 'Sign-ins per day, last 30 days (UTC)';
export const NEW_ACCOUNTS_CAPTION = 'New accounts per week, last 12 weeks';

/** The administrators' dashboard: cards of numbers and bar charts. */
export class DashboardPage {
  readonly heading: Locator;
  readonly roles: Locator;
  readonly dormantTitle: Locator;
  readonly dormantList: Locator;
  readonly dormantEmpty: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Dashboard' });
    this.roles = page.getByRole('list', { name: 'People by role' });
    this.dormantTitle = page.getByText(/^Dormant accounts \(\d+\)$/);
    this.dormantList = page.getByRole('list', { name: 'Dormant accounts' });
    this.dormantEmpty = page.getByText(
      'Everyone has signed in within the last 30 days.',
    );
  }

  async goto(): Promise<void> {
    await this.page.goto('/dashboard');
    await this.loaded();
  }

  async loaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.page.getByText('Loading the numbers…')).toHaveCount(0);
    await expect(this.roles).toBeVisible();
  }

  /** The count shown next to a role's bar. */
  roleCount(label: string): Locator {
    return this.roles
      .getByRole('listitem')
      .filter({ hasText: label })
      .locator('.count');
  }

  /** A chart: its figure (what is drawn) and the table that describes it to screen readers. */
  chart(caption: string): { figure: Locator; table: Locator; bars: Locator } {
    const figure = this.page
      .locator('figure')
      .filter({ has: this.page.getByText(caption, { exact: true }) });
    return {
      figure,
      table: figure.getByRole('table', { name: caption }),
      bars: figure.locator('rect.bar'),
    };
  }

  /** The chart's numbers as its table gives them: label → value. */
  async chartValues(
    caption: string,
  ): Promise<{ label: string; value: number }[]> {
    const rows = this.chart(caption).table.getByRole('row');
    return rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        label: tr.querySelector('th')?.textContent?.trim() ?? '',
        value: Number(tr.querySelector('td')?.textContent?.trim()),
      })),
    );
  }

  /** Heights of the drawn bars, in the chart's own units (the tallest is 100). */
  async barHeights(caption: string): Promise<number[]> {
    return this.chart(caption).bars.evaluateAll((rects) =>
      rects.map((rect) => Number(rect.getAttribute('height'))),
    );
  }
}
