import { percentile } from './statistics.ts';

/** How long each page of one kind of query took, client side (request sent to body parsed). */
export interface PageTimes {
  /** What was asked, in words a reader understands. */
  readonly name: string;
  readonly pages: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** The local API as the bench calls it: the service's address and its token. */
export interface ApiAccess {
  readonly url: string;
  readonly token: string;
}

interface Page {
  readonly items: readonly unknown[];
  readonly nextCursor: string | null;
}

/**
 * Asks GET /api/v1/recordings with `query`, then follows `nextCursor` for up to `pages` pages
 * (or to the end), timing each request. Repeats the walk `rounds` times; answers the times and
 * how many rows were seen in one walk.
 */
export async function timePages(
  api: ApiAccess,
  name: string,
  query: Readonly<Record<string, string>>,
  options: { readonly pages: number; readonly rounds?: number },
): Promise<PageTimes & { readonly rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let round = 0; round < (options.rounds ?? 1); round += 1) {
    rows = 0;
    let cursor: string | null = null;
    for (let page = 0; page < options.pages; page += 1) {
      const params = new URLSearchParams({ ...query, ...(cursor === null ? {} : { cursor }) });
      const began = performance.now();
      const answer = await fetch(`${api.url}/api/v1/recordings?${params.toString()}`, {
        headers: { authorization: `Bearer ${api.token}` },
      });
      const body = (await answer.json()) as Page;
      times.push(performance.now() - began);
      if (!answer.ok)
        throw new Error(`GET recordings ${params.toString()} answered ${answer.status}`);
      rows += body.items.length;
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
  }
  return {
    name,
    rows,
    pages: times.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
  };
}
