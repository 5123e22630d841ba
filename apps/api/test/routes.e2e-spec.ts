import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registeredRoutes as routesOf } from './support/registered-routes';
import { Browser, startTestApp, type TestApp } from './support/test-app';

const registeredRoutes = (app: TestApp) => routesOf(app.app);

interface Operation {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { responses?: Record<string, Operation['responses'][string]> };
}

const COMMITTED_DOCUMENT = join(__dirname, '../../../libs/api-client/openapi.json');
/** Browser redirects (the Google sign-in) answer 302, not 2xx. */
const REDIRECTS = ['GET /api/auth/google', 'GET /api/auth/google/callback'];

describe('routes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('finds the routes of the contract', () => {
    const routes = registeredRoutes(app).map((route) => `${route.method} ${route.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'GET /api/auth/google',
        'GET /api/auth/google/callback',
        'POST /api/auth/refresh',
        'POST /api/auth/logout',
        'POST /api/auth/dev-login',
        'GET /api/auth/me',
        'GET /api/auth/users',
        'GET /api/auth/users/:email',
        'PATCH /api/auth/users/:email/role',
        'DELETE /api/auth/users/:email',
        'POST /api/auth/users/:email/disable',
        'POST /api/auth/users/:email/enable',
        'POST /api/auth/users/:email/approve',
        'POST /api/auth/users/:email/reject',
        'GET /api/auth/users/:email/sessions',
        'DELETE /api/auth/users/:email/sessions',
        'GET /api/auth/sessions',
        'DELETE /api/auth/sessions/:id',
        'DELETE /api/auth/sessions',
        'GET /api/settings',
        'PUT /api/settings',
        'GET /api/invitations',
        'POST /api/invitations',
        'POST /api/invitations/import',
        'DELETE /api/invitations/:id',
        'GET /api/webhooks',
        'POST /api/webhooks',
        'PATCH /api/webhooks/:id',
        'DELETE /api/webhooks/:id',
        'GET /api/webhooks/:id/deliveries',
        'POST /api/webhooks/:id/test',
        'POST /api/webhooks/:id/deliveries/:deliveryId/redeliver',
      ]),
    );
  });

  it('every route is explicitly @Public or declares the roles it admits', () => {
    const undecided = registeredRoutes(app).filter((route) => route.decision === 'none');
    expect(undecided).toEqual([]);
  });

  it('a pending account reaches only /me and its own sessions', () => {
    const open = registeredRoutes(app)
      .filter((route) => route.decision === 'roles' && route.pending)
      .map((route) => `${route.method} ${route.path}`);
    expect(open.sort()).toEqual([
      'DELETE /api/auth/sessions',
      'DELETE /api/auth/sessions/:id',
      'GET /api/auth/me',
      'GET /api/auth/sessions',
    ]);
  });

  const servedDocument = async () => (await new Browser().get<OpenApiDocument>(`${app.url}/api/docs-json`)).body;

  it('every route is in the OpenAPI document, with its error responses', async () => {
    const doc = await servedDocument();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of registeredRoutes(app)) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect({ route: `${route.method} ${route.path}`, documented: Boolean(operation) }).toEqual({
        route: `${route.method} ${route.path}`,
        documented: true,
      });
      if (route.decision === 'roles') {
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
        expect(operation.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
      } else {
        // Public: no bearer token is asked for (the session cookie or the metrics token at most).
        expect({ route: `${route.method} ${route.path}`, security: operation.security }).toEqual({
          route: `${route.method} ${route.path}`,
          security: expect.not.arrayContaining([{ bearer: [] }]),
        });
      }
    }
  });

  it('every operation is ready for a client generator: named for what it does, summarised, secured, answered', async () => {
    const doc = await servedDocument();
    const problems: string[] = [];
    const ids = new Map<string, string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        const id = operation.operationId ?? '';
        // `listUsers`, not Nest's default `UsersController_list`.
        if (!/^[a-z][a-zA-Z]+$/.test(id)) problems.push(`${name}: operationId "${id}"`);
        if (ids.has(id)) problems.push(`${name}: operationId "${id}" also names ${ids.get(id)}`);
        ids.set(id, name);
        if (!operation.summary) problems.push(`${name}: no summary`);
        if (!Array.isArray(operation.security)) problems.push(`${name}: security not stated`);
        const codes = Object.keys(operation.responses);
        const success = REDIRECTS.includes(name) ? /^3\d\d$/ : /^2\d\d$/;
        if (!codes.some((code) => success.test(code))) problems.push(`${name}: no ${success.source} response`);
        if (!codes.some((code) => /^4\d\d$/.test(code))) problems.push(`${name}: no 4xx response`);
        for (const code of codes.filter((code) => /^[45]\d\d$/.test(code))) {
          const reference = operation.responses[code].$ref?.replace('#/components/responses/', '');
          const response = reference ? doc.components.responses?.[reference] : operation.responses[code];
          const schema = response?.content?.['application/json']?.schema?.$ref;
          if (schema !== '#/components/schemas/ApiErrorResponse')
            problems.push(`${name}: ${code} without the error body`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(ids.get('listUsers')).toBe('GET /api/auth/users');
  });

  it('serves the document committed for the typed client (`npm run openapi` writes it without a database)', async () => {
    const committed = JSON.parse(readFileSync(COMMITTED_DOCUMENT, 'utf8'));
    expect(await servedDocument()).toEqual(committed);
  });

  it('serves Swagger UI', async () => {
    const reply = await new Browser().get(`${app.url}/api/docs`);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('swagger-ui');
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const reply = await new Browser().request(method, `${app.url}/api/no-such-thing`);
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
    }
  });

  it('sends security headers and a request id', async () => {
    const reply = await new Browser().get(`${app.url}/api/health`);
    expect(reply.body).toEqual({ status: 'ok' });
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
  });
});
