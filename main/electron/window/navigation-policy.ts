/** Where the window may go: nowhere but its own app:// pages. Pure. */
import { isAppUrl } from '../protocol/app-url.ts';

/** Whether the window may navigate to an address (only its own pages). */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The address to open in the person's browser when the page asks for a new window (a link to a
 * recording at the platform), or null to open nothing. The window itself never opens one.
 */
export function externalLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    if (parsed.username !== '' || parsed.password !== '') return null;
    return parsed.href;
  } catch {
    return null;
  }
}
