// The local API of the headless service (startHeadless, as `call-courier run` starts it, with a
// real service and a served UI folder) attacked from this machine: missing, wrong and misplaced
// tokens, foreign Host headers, cross-site writes, oversized bodies and paths out of the UI
// folder. Every attack is refused, and nothing it aimed at changes.
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type RunningService } from '../../../main/cli/run.ts';
import { DEFAULT_LISTEN, parseListen } from '../../../main/cli/data-dir.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { API_ROUTES } from '../../../main/core/server/api-routes.ts';
import { isLoopbackHost, networkWarning } from '../../../main/core/server/network-exposure.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { answerBeforeBodyEnds, sendRaw, type RawAnswer } from './raw-http.ts';

const OUTSIDE_MARKER = 'OUTSIDE-THE-UI-FOLDER';
const INDEX_MARKER = 'call-courier-test-window';
const SECRET = 'the-stored-password';

/** What an attack tried and how it was answered; counted for the report. */
const tried: { readonly attack: string; readonly status: number }[] = [];

let root = '';
let uiDir = '';
let service: RunningService;
let secrets: MemorySecretStore;
let host = '';

/** A request as written, with the right Host unless one is given (null: none at all). */
function http(
  method: string,
  path: string,
  headers: Readonly<Record<string, string>> = {},
  body = '',
  hostHeader: string | null = host,
): string {
  const lines = [`${method} ${path} HTTP/1.1`];
  if (hostHeader !== null) lines.push(`Host: ${hostHeader}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== '' || method === 'POST' || method === 'PUT') {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  }
  lines.push('Connection: close', '', body);
  return lines.join('\r\n');
}

async function attack(name: string, request: string, port = service.port): Promise<RawAnswer> {
  const answer = await sendRaw(port, request);
  tried.push({ attack: name, status: answer.status });
  return answer;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** What an attacker would like to change: pause state, settings, the stored secret. */
async function snapshot(): Promise<string> {
  const status = await service.service.status();
  return JSON.stringify({
    state: status.state,
    settings: await service.service.getSettings(),
    secret: await secrets.get('et', 'password'),
    recordings: (await service.service.listRecordings({ limit: 500 })).items.map((r) => r.status),
  });
}

/** One address of the API with its parameters filled in, and a body for a write. */
interface FilledRoute {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly type: string;
  readonly access: 'admin' | 'monitor';
}

/** Every address of the API, aimed at profile `et`. */
function everyRoute(): FilledRoute[] {
  return API_ROUTES.map((route) => ({
    method: route.method,
    path: route.path
      .replace(':profile', 'et')
      .replace(':field', 'password')
      .replace(':id', route.path.includes('recordings') ? '1' : 'et'),
    body: route.method === 'GET' ? '' : route.path.includes('secrets') ? '{"value":"evil"}' : '{}',
    type: 'application/json',
    access: route.access,
  }));
}

beforeAll(async () => {
  root = await tempDirForSuite('call-courier-attacks-');
  uiDir = join(root, 'ui');
  await mkdir(join(uiDir, 'assets'), { recursive: true });
  await writeFile(join(uiDir, 'index.html'), `<!doctype html><title>${INDEX_MARKER}</title>`);
  await writeFile(join(uiDir, 'assets', 'app.js'), 'console.log("window");');
  await writeFile(join(uiDir, '.env'), `HIDDEN=${OUTSIDE_MARKER}`);
  await writeFile(join(root, 'outside.txt'), OUTSIDE_MARKER);
  await mkdir(join(root, 'outside-dir'));
  await writeFile(join(root, 'outside-dir', 'file.txt'), OUTSIDE_MARKER);
  await symlink(join(root, 'outside.txt'), join(uiDir, 'link.txt'));
  await symlink(join(root, 'outside-dir'), join(uiDir, 'linked'));
  await writeFile(join(root, 'settings.json'), JSON.stringify({ upload: { concurrency: 2 } }));
  secrets = new MemorySecretStore({ 'et/password': SECRET });
  const started = await startHeadless({
    config: join(root, 'settings.json'),
    dataDir: join(root, 'data'),
    listen: { host: '127.0.0.1', port: 0 },
    secrets,
    staticDir: uiDir,
  });
  if ('errors' in started) throw new Error(started.errors);
  service = started;
  host = `127.0.0.1:${service.port}`;
  // A profile the attacks aim at (a secret route needs one).
  await service.service.putSettings({
    profiles: [
      {
        id: 'et',
        connector: 'enderturing',
        options: { baseUrl: 'http://127.0.0.1:9', username: 'u@office.example' },
      },
    ],
    upload: { concurrency: 2 },
  });
});

afterAll(async () => {
  await service?.stop();
  const refused = tried.filter((t) => t.status >= 400).length;
  // The rest are UI addresses without an extension, answered with the window's own page.
  console.info(
    `local API attacks: ${tried.length} tried, ${refused} refused, ` +
      `${tried.length - refused} answered with the window's own page`,
  );
});

describe('the local API refuses callers without the token in its header', () => {
  it('refuses every address without a token, with a wrong one, or with the token anywhere but the Authorization header', async () => {
    const before = await snapshot();
    const token = service.token;
    const wrongs: readonly (readonly [
      string,
      (path: string) => [string, Record<string, string>],
    ])[] = [
      ['no token', (p) => [p, {}]],
      ['wrong token', (p) => [p, bearer('wrong')]],
      ['the token cut short', (p) => [p, bearer(token.slice(0, -1))]],
      ['the token with more after it', (p) => [p, bearer(`${token}x`)]],
      ['the token in ?token=', (p) => [`${p}?token=${encodeURIComponent(token)}`, {}]],
      [
        'the token in ?access_token=',
        (p) => [`${p}?access_token=${encodeURIComponent(token)}`, {}],
      ],
      [
        'the token as Basic',
        (p) => [p, { Authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` }],
      ],
      ['the token as a cookie', (p) => [p, { Cookie: `token=${token}` }]],
      ['the token without a scheme', (p) => [p, { Authorization: token }]],
      ['the token in X-Auth-Token', (p) => [p, { 'X-Auth-Token': token }]],
    ];
    for (const route of everyRoute()) {
      for (const [name, make] of wrongs) {
        const [path, headers] = make(route.path);
        const answer = await attack(
          `${name}: ${route.method} ${route.path}`,
          http(route.method, path, { ...headers, 'Content-Type': route.type }, route.body),
        );
        expect(answer.status, `${name}: ${route.method} ${path}`).toBe(401);
        expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
        expect(answer.body).not.toContain(token);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('streams events only to the Authorization header, never to ?token= (the window uses fetch)', async () => {
    const query = await attack(
      'events with ?token=',
      http('GET', `/api/v1/events?token=${encodeURIComponent(service.token)}`),
    );
    expect(query.status).toBe(401);
    expect(JSON.parse(query.body)).toEqual({
      error: 'a token in the address is refused: send it as Authorization: Bearer …',
    });
    const header = await new Promise<string>((resolve, reject) => {
      const socket = connect(service.port, '127.0.0.1');
      let text = '';
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes(': connected')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.write(http('GET', '/api/v1/events', bearer(service.token)));
    });
    expect(header).toMatch(/^HTTP\/1\.1 200/);
    expect(header).toContain('text/event-stream');
  });

  it('gives the monitor token nothing that changes state or shows settings', async () => {
    const before = await snapshot();
    for (const route of everyRoute().filter((r) => r.access === 'admin')) {
      const answer = await attack(
        `monitor token: ${route.method} ${route.path}`,
        http(
          route.method,
          route.path,
          { ...bearer(service.monitorToken), 'Content-Type': route.type },
          route.body,
        ),
      );
      expect(answer.status, `${route.method} ${route.path}`).toBe(403);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('the local API answers only to the names it listens as (DNS rebinding)', () => {
  it('refuses foreign and look-alike Host headers, and a missing one, with 421 even with the token', async () => {
    const port = service.port;
    const hosts: readonly (string | null)[] = [
      `localhost.evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port}.evil.example`,
      `127.0.0.1:${port}@evil.example`,
      `evil.example@127.0.0.1:${port}`,
      `localhost:${port + 1}`,
      '127.0.0.1',
      `127.1:${port}`,
      `0x7f000001:${port}`,
      `2130706433:${port}`,
      `[::ffff:127.0.0.1]:${port}`,
      `LOCALHOST.:${port}`,
      '',
      null,
    ];
    const before = await snapshot();
    for (const name of hosts) {
      for (const [method, path] of [
        ['GET', '/api/v1/status'],
        ['POST', '/api/v1/pause'],
        ['GET', '/'],
        ['GET', '/metrics'],
      ] as const) {
        const answer = await attack(
          `Host ${JSON.stringify(name)}: ${method} ${path}`,
          http(method, path, bearer(service.token), '', name),
        );
        // No Host at all is also a malformed HTTP/1.1 request: Node itself answers 400.
        const expected = name === null || name === '' ? [400, 421] : [421];
        expect(expected, `Host ${JSON.stringify(name)} ${method} ${path}`).toContain(answer.status);
      }
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('the local API refuses writes a browser makes for another site', () => {
  it('refuses every write with a foreign Origin or Sec-Fetch-Site (403), even with the token, and changes nothing', async () => {
    const port = service.port;
    const foreign: readonly Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: `http://127.0.0.1:${port}.evil.example` },
      { Origin: `http://localhost.evil.example:${port}` },
      { Origin: `https://127.0.0.1:${port}` },
      { Origin: `http://127.0.0.1:${port + 1}` },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'cross-site' },
    ];
    const before = await snapshot();
    for (const route of everyRoute().filter((r) => r.method !== 'GET')) {
      for (const headers of foreign) {
        const answer = await attack(
          `cross-site ${JSON.stringify(headers)}: ${route.method} ${route.path}`,
          http(
            route.method,
            route.path,
            { ...bearer(service.token), 'Content-Type': route.type, ...headers },
            route.body,
          ),
        );
        expect(answer.status, `${JSON.stringify(headers)} ${route.method} ${route.path}`).toBe(403);
      }
      // A form post (which a page may send without a preflight) is refused too.
      const form = await attack(
        `form post: ${route.method} ${route.path}`,
        http(
          route.method,
          route.path,
          { ...bearer(service.token), 'Content-Type': 'application/x-www-form-urlencoded' },
          'value=evil',
        ),
      );
      expect(form.status).toBe(415);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('the local API refuses oversized bodies without reading them whole', () => {
  it.each([
    ['a 10 MB settings body with its length', '/api/v1/settings', 10 * 1024 * 1024, false],
    ['a 10 MB settings body sent in chunks', '/api/v1/settings', 10 * 1024 * 1024, true],
    ['a 1 MB secret', '/api/v1/secrets/et/password', 1024 * 1024, false],
    ['a 1 MB secret sent in chunks', '/api/v1/secrets/et/password', 1024 * 1024, true],
  ] as const)(
    '%s: 413 before the rest is sent, and nothing changed',
    async (name, path, size, chunked) => {
      const before = await snapshot();
      const head = [
        `PUT ${path} HTTP/1.1`,
        `Host: ${host}`,
        `Authorization: Bearer ${service.token}`,
        'Content-Type: application/json',
        chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`,
        '',
        '',
      ].join('\r\n');
      // Sent: a little more than the limit (1 MiB; 64 KiB for secrets). Held back: the rest.
      const part = Buffer.alloc(1024 * 1024 + 64 * 1024, 0x20);
      const first = chunked
        ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')])
        : part;
      const { answer, socket } = await answerBeforeBodyEnds(service.port, head, first);
      socket.destroy();
      tried.push({ attack: name, status: answer.status });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body).error).toMatch(/^the request body is larger than \d+ bytes$/);
      expect(await snapshot()).toBe(before);
      expect((await service.service.status()).state).toBe('running');
    },
  );
});

describe('the served UI gives nothing from outside its folder', () => {
  const index = async () => readFile(join(uiDir, 'index.html'), 'utf8');
  it('answers traversal, encoded separators, backslashes, NUL, absolute paths and links out with no outside file', async () => {
    const outside = join(root, 'outside.txt');
    const paths = [
      '/../outside.txt',
      '/assets/../../outside.txt',
      '/..%2foutside.txt',
      '/%2e%2e/outside.txt',
      '/%2E%2E%2Foutside.txt',
      '/assets/%2e%2e/%2e%2e/outside.txt',
      '/%252e%252e/outside.txt',
      '/..\\outside.txt',
      '/assets\\..\\..\\outside.txt',
      '/..%5coutside.txt',
      '/%c0%ae%c0%ae/outside.txt',
      '/.%2e/outside.txt',
      '/%00',
      '/index.html%00.txt',
      '/outside.txt%00',
      `/${outside}`,
      `/${encodeURIComponent(outside)}`,
      `//${outside.slice(1)}`,
      '/etc/passwd',
      '/%2fetc%2fpasswd',
      '/link.txt',
      '/linked/file.txt',
      '/linked/',
      '/.env',
      '/assets/../.env',
      '/%2eenv',
      `http://${host}/../outside.txt`,
      '*',
    ];
    const page = await index();
    for (const path of paths) {
      const answer = await attack(`UI path ${path}`, http('GET', path));
      expect(answer.body, path).not.toContain(OUTSIDE_MARKER);
      expect(answer.body, path).not.toMatch(/root:.*:0:0:/);
      // Refused, or the window itself (the page for addresses without an extension).
      if (answer.status === 200) expect(answer.body, path).toBe(page);
      else expect([400, 404], `${path}: ${answer.status}`).toContain(answer.status);
    }
    // The control: files inside the folder are served.
    expect((await sendRaw(service.port, http('GET', '/assets/app.js'))).body).toContain('window');
  });
});

describe('where the API can be reached from', () => {
  it('listens on this machine only by default, so other computers cannot connect', async () => {
    const listen = parseListen(DEFAULT_LISTEN);
    expect(typeof listen === 'string' ? listen : isLoopbackHost(listen.host)).toBe(true);
    const lan = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .find((a) => a.family === 'IPv4' && !a.internal)?.address;
    if (lan === undefined) return;
    const reached = await new Promise<string>((resolve) => {
      const socket = connect(service.port, lan);
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    tried.push({
      attack: `connect from the network (${lan})`,
      status: reached === 'connected' ? 200 : 400,
    });
    expect(reached).toBe('ECONNREFUSED');
  });

  it('on the network (--listen 0.0.0.0), warns loudly and still refuses every call without the token', async () => {
    expect(networkWarning('0.0.0.0', 8490)).toContain(
      '!!! WARNING: the Call Courier API is reachable from the network !!!',
    );
    const echoed: string[] = [];
    const onLan = await startHeadless({
      dataDir: join(root, 'lan-data'),
      listen: { host: '0.0.0.0', port: 0 },
      secrets: new MemorySecretStore(),
      staticDir: null,
      echo: (line) => echoed.push(line),
    });
    if ('errors' in onLan) throw new Error(onLan.errors);
    try {
      expect(echoed.join('\n')).toContain('the local API is reachable from the network on 0.0.0.0');
      const lan =
        Object.values(networkInterfaces())
          .flatMap((list) => list ?? [])
          .find((a) => a.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.1';
      for (const route of everyRoute()) {
        for (const headers of [{}, bearer('wrong'), {}] as Record<string, string>[]) {
          const path =
            Object.keys(headers).length === 0 && route.method === 'GET'
              ? `${route.path}?token=${onLan.token}`
              : route.path;
          const answer = await attack(
            `network: ${route.method} ${path}`,
            http(
              route.method,
              path,
              { ...headers, 'Content-Type': route.type },
              route.body,
              `${lan}:${onLan.port}`,
            ),
            onLan.port,
          );
          expect(answer.status, `${route.method} ${path}`).toBe(401);
        }
      }
      const allowed = await sendRaw(
        onLan.port,
        http('GET', '/api/v1/status', bearer(onLan.token), '', `${lan}:${onLan.port}`),
      );
      expect(allowed.status).toBe(200);
    } finally {
      await onLan.stop();
    }
  });
});
