import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Loose view of a Wonde JSON body for assertions. */
export type WireObject = { [key: string]: unknown };

export type Pagination = {
  next: string | null;
  previous: string | null;
  more: boolean;
  per_page: number;
  current_page: number;
};

export type ListPage = { data: WireObject[]; meta: { pagination: Pagination; includes: string[] } };

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function getJson<T = WireObject>(
  url: string,
  token: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: bearer(token) });
  return { status: response.status, body: (await response.json()) as T };
}

/** Follows `next` from the first page to the last, checking nothing; returns every page. */
export async function walkPages(firstUrl: string, token: string): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  let url: string | null = firstUrl;
  while (url !== null) {
    const { status, body }: { status: number; body: ListPage } = await getJson<ListPage>(
      url,
      token,
    );
    if (status !== 200) throw new Error(`GET ${url} → ${String(status)}`);
    pages.push(body);
    url = body.meta.pagination.next;
    if (pages.length > 10_000) throw new Error('pagination does not end');
  }
  return pages;
}

export type ReceivedHook = { url: string; body: WireObject };

/**
 * A loopback HTTP server standing in for Plaster's webhook endpoint. It answers with the
 * statuses in `script` in turn, then 200.
 */
export async function startWebhookReceiver(script: number[] = []): Promise<{
  url: string;
  received: ReceivedHook[];
  close: () => Promise<void>;
}> {
  const received: ReceivedHook[] = [];
  const statuses = [...script];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        url: req.url ?? '/',
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as WireObject,
      });
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/api/v1/webhooks/wonde?secret=s3cret`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
