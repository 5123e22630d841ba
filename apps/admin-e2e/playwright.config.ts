import { defineConfig } from '@playwright/test';
import { BASE_URL_VAR } from './src/support/environment';

/**
 * Browser tests against the production builds: global setup starts the built API, which
 * serves the built console, with a fresh database and a fake Google. One worker, because
 * every spec shares that server (and its first-administrator rule).
 */
export default defineConfig({
  testDir: './src',
  outputDir: '../../tmp/admin-e2e/test-results',
  globalSetup: './src/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    // Set by global setup before workers start; workers load this file again.
    baseURL: process.env[BASE_URL_VAR],
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    headless: true,
    trace: 'retain-on-failure',
  },
});
