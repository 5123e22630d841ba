/** A running fake Google: its base URL, the API's `GOOGLE_*` settings that point at it, and `stop`. */
export interface FakeGoogle {
  url: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts a local OAuth 2.0 server standing in for Google (fake-google-server.mjs). Loaded on
 * demand: oauth2-mock-server ships only ES modules, which jest's test runtime cannot load,
 * and only the suites' global set-up starts the server.
 */
export async function startFakeGoogle(): Promise<FakeGoogle> {
  const server = await import('./fake-google-server.mjs');
  return server.startFakeGoogle();
}
