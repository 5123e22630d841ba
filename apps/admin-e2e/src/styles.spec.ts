import { expect, test } from '@playwright/test';
import { ADA } from './support/people';
import { ensureAdministrator, signInAs } from './support/sign-in';

test.beforeAll(async () => {
  await ensureAdministrator();
});

// The production build defers its global stylesheet with an inline onload handler, which
// the server's Content-Security-Policy blocks; icons then showed as words ("logout").
test('the global stylesheet applies under the server’s Content-Security-Policy: icons are icons', async ({
  page,
}) => {
  await signInAs(page, ADA);

  const media = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]'),
    ].map((link) => link.media || 'all'),
  );
  expect(media.length).toBeGreaterThan(0);
  expect(media.every((value) => value === 'all')).toBe(true);

  const icon = page
    .getByRole('button', { name: 'Sign out', exact: true })
    .locator('mat-icon');
  await expect(icon).toHaveCSS('font-family', '"Material Symbols Outlined"');
  // The font arrives a moment after the stylesheet applies.
  await expect
    .poll(() =>
      page.evaluate(() =>
        document.fonts.check('24px "Material Symbols Outlined"', 'logout'),
      ),
    )
    .toBe(true);
  // A ligature draws one glyph about as wide as it is tall, not the word "logout".
  await expect
    .poll(async () => (await icon.boundingBox())?.width)
    .toBeLessThanOrEqual(28);
});
