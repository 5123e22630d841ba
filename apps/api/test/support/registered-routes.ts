import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IS_PUBLIC } from '../../src/auth/decorators/public.decorator';
import { AllowPending, Roles } from '../../src/auth/decorators/roles.decorator';

export interface RegisteredRoute {
  method: string;
  path: string;
  decision: 'public' | 'roles' | 'none';
  /** Open to accounts waiting for approval (`@AllowPending`). */
  pending: boolean;
}

/** Every handler Nest registered, with what it says about who may call it. */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  const scanner = new MetadataScanner();
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
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
        const pending = Boolean(
          Reflect.getMetadata(AllowPending.KEY, handler) ?? Reflect.getMetadata(AllowPending.KEY, controller),
        );
        routes.push({ method, path: full, decision: isPublic ? 'public' : roles ? 'roles' : 'none', pending });
      }
    }
  }
  return routes;
}
