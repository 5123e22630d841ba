import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '../src/auth/decorators/public.decorator';
import { Roles } from '../src/auth/decorators/roles.decorator';
import { Browser, startTestApp, type TestApp } from './support/test-app';

interface Route {
  method: string;
  path: string;
  decision: 'public' | 'roles' | 'none';
}

/** Every handler Nest registered, with what it says about who may call it. */
function registeredRoutes(app: TestApp): Route[] {
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: object } | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller);
        const roles = Reflect.getMetadata(Roles.KEY, handler) ?? Reflect.getMetadata(Roles.KEY, controller);
        const full = `/api/${[base, String(path)].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
        routes.push({ method, path: full, decision: isPublic ? 'public' : roles ? 'roles' : 'none' });
      }
    }
  }
  return routes;
}

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
      ]),
    );
  });

  it('every route is explicitly @Public or declares the roles it admits', () => {
    const undecided = registeredRoutes(app).filter((route) => route.decision === 'none');
    expect(undecided).toEqual([]);
  });

  it('every route is in the OpenAPI document, with its error responses', async () => {
    const doc = (await new Browser().get<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> }>(`${app.url}/api/docs-json`)).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of registeredRoutes(app)) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect({ route: `${route.method} ${route.path}`, documented: Boolean(operation) }).toEqual({ route: `${route.method} ${route.path}`, documented: true });
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
