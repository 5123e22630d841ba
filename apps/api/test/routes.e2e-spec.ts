import { registeredRoutes as routesOf } from './support/registered-routes';
import { Browser, startTestApp, type TestApp } from './support/test-app';

const registeredRoutes = (app: TestApp) => routesOf(app.app);

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

  it('every route is in the OpenAPI document, with its error responses', async () => {
    const doc = (
      await new Browser().get<{
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
      }>(`${app.url}/api/docs-json`)
    ).body;
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
      }
    }
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
