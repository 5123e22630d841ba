import type { Page } from '@playwright/test';
import type { Page as ResultPage, Role, Settings, User } from '@vip/shared-dto';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/**
 * Calls the API from inside the page, as the person signed in there: the session cookie
 * buys a fresh access token (as the console itself does after a reload).
 */
export async function callApi<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const refresh = await fetch('/api/auth/refresh', {
        method: 'POST',
        credentials: 'include',
      });
      if (!refresh.ok) return { status: refresh.status, body: null as never };
      const { accessToken } = (await refresh.json()) as { accessToken: string };
      const response = await fetch(path, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : null) as never,
      };
    },
    { method, path, body },
  );
}

export async function listUsers(
  page: Page,
  query: string,
): Promise<ResultPage<User>> {
  const answer = await callApi<ResultPage<User>>(
    page,
    'GET',
    `/api/auth/users?${query}`,
  );
  if (answer.status !== 200)
    throw new Error(`GET /api/auth/users?${query} answered ${answer.status}`);
  return answer.body;
}

export async function setRole(
  page: Page,
  email: string,
  role: Role,
): Promise<void> {
  const answer = await callApi(
    page,
    'PATCH',
    `/api/auth/users/${encodeURIComponent(email)}/role`,
    { role },
  );
  if (answer.status !== 200)
    throw new Error(`setting ${email} to ${role} answered ${answer.status}`);
}

export async function putSettings(
  page: Page,
  settings: Settings,
): Promise<void> {
  const answer = await callApi(page, 'PUT', '/api/settings', settings);
  if (answer.status !== 200)
    throw new Error(`PUT /api/settings answered ${answer.status}`);
}
