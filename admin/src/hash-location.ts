/**
 * Where the admin page is: `#/orders?status=paid` as a reactive path and query, and the way to go elsewhere. Kept
 * apart from router.ts, which loads the screens, so that a screen can navigate without importing its own loader.
 */
import { reactive } from 'vue';

export const HOME = '/dashboard';

interface Location {
  path: string;
  query: Record<string, string>;
}

function parse(hash: string): Location {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  return { path: path || HOME, query: Object.fromEntries(new URLSearchParams(search)) };
}

export const location = reactive<Location>(parse(window.location.hash));

window.addEventListener('hashchange', () => Object.assign(location, parse(window.location.hash)));

export function navigate(path: string, query: Record<string, string | undefined> = {}): void {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  window.location.hash = `#${path}${search ? `?${search}` : ''}`;
}
