/** A query as request parameters, without the unset ones (undefined, null or empty). */
export function withoutEmpty(
  query: object,
): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '')
      params[key] = value as string | number | boolean;
  }
  return params;
}
