/** Set by global-setup.ts once the API and the fake Google are up. */
export const BASE_URL_VAR = 'VIP_E2E_BASE_URL';
export const FAKE_GOOGLE_URL_VAR = 'VIP_E2E_FAKE_GOOGLE_URL';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the specs through apps/admin-e2e/playwright.config.ts, whose global setup starts the API`,
    );
  }
  return value;
}

export const baseUrl = (): string => required(BASE_URL_VAR);
export const fakeGoogleUrl = (): string => required(FAKE_GOOGLE_URL_VAR);
