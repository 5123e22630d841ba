import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it is now; fails on serious or critical WCAG 2.1 AA violations. */
export async function expectNoSeriousViolations(
  page: Page,
  where: string,
): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(WCAG_AA)
    .analyze();
  const serious = violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  const report = serious
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .map(
            (node) =>
              `    ${node.target.join(' ')}  ${node.failureSummary?.split('\n').join(' ') ?? ''}`,
          )
          .join('\n'),
    )
    .join('\n');
  if (serious.length > 0) console.log(`axe on ${where}:\n${report}`);
  expect(
    serious.map((v) => v.id),
    `serious or critical axe violations on ${where}:\n${report}`,
  ).toEqual([]);
}

/** Lets fonts load and animations end before axe or a screenshot looks at the page. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
}

/** A page in light, dark and at 360 px (light and dark), each judged by axe. */
export async function everyWay(
  page: Page,
  url: string,
  ready: () => Promise<void>,
): Promise<void> {
  await page.goto(url);
  await ready();
  await settle(page);
  await expectNoSeriousViolations(page, url);
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page);
  await expectNoSeriousViolations(page, `${url} (dark)`);
  await page.setViewportSize({ width: 360, height: 740 });
  await settle(page);
  await expectNoSeriousViolations(page, `${url} at 360 px (dark)`);
  await page.emulateMedia({ colorScheme: 'light' });
  await settle(page);
  await expectNoSeriousViolations(page, `${url} at 360 px`);
}
