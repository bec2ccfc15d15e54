import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** One Web API call the app made, with its arguments decoded. */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** The HTTP status the fake answered with. */
  status: number;
  /** What the fake answered (a posted message's ts, for example). */
  result?: Record<string, unknown>;
}

/** One POST the app made to a response_url. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base URL of the fake Web API, to give the app as SLACK_API_URL. */
  apiUrl: string;
  /** A response_url that records what is posted to it. */
  responseUrl(id: string): string;
  calls: ApiCall[];
  responses: ResponsePost[];
  /** Locale returned by users.info, per user id. */
  locales: Map<string, string>;
  /** Files shared in the workspace, served by files.info and downloaded from url_private_download. */
  files: Map<string, FakeFile>;
  /** Each download asked for: the file, and whether it carried the bot token. */
  downloads: Array<{ id: string; authorized: boolean }>;
  /** Members of each user group, for usergroups.users.list. */
  userGroups: Map<string, string[]>;
  /** Bot tokens and the workspace each belongs to, for auth.test (xoxb-test-token is T0MISSION's). */
  tokens: Map<string, FakeWorkspace>;
  /** OAuth codes that oauth.v2.access exchanges, each for a workspace's installation. */
  oauthCodes: Map<string, FakeWorkspace & { token: string }>;
  /** The Socket Mode side: connections made, and the messages the app sent back (acks). */
  socket: { connections: WebSocket[]; received: Array<Record<string, unknown>> };
  /** Whether calls and response posts are kept in `calls` and `responses` (long soaks turn it off). */
  record: boolean;
  /** Called with every Web API call, kept or not. */
  onCall: ((call: ApiCall) => void) | undefined;
  /** Fault injection: what to do instead of answering a Web API method (429, 5xx, slowness). */
  fault: ((method: string) => Fault | undefined) | undefined;
  /** Sends an envelope to the first connected Socket Mode client. */
  sendEnvelope(envelope: Record<string, unknown>): void;
  waitFor<T>(find: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export const botUserId = 'U0QUOTES';

/** A file as the fake Slack keeps it; `size` defaults to the bytes' length (a larger one fakes a huge file). */
export interface FakeFile {
  name: string;
  filetype: string;
  bytes: Uint8Array;
  size?: number;
  /** A remote file (shared from Google Drive, Box…): its `url_private` is this address. */
  external?: string;
}

/** A workspace (or, org-wide, an organisation) as the fake Slack knows it. */
export interface FakeWorkspace {
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** An org-wide install (Enterprise Grid). */
  orgWide?: boolean;
}

/** What Slack answers, with status 200, to a file download without a valid token: its sign-in page. */
const signInPage =
  '<!DOCTYPE html><html lang="en-US"><head><title>Slack</title></head><body><form action="/signin">Sign in to your workspace</form></body></html>';

/** A failure the fake Slack plays instead of answering. */
export interface Fault {
  status: number;
  /** With status 200: answer `{ ok: false, error }` (a refused token, for example). */
  error?: string;
  /** With status 200: answer this raw body (malformed JSON, for example). */
  raw?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
}

/**
 * A small Slack on 127.0.0.1: the Web API methods the app uses, a response_url sink,
 * and the Socket Mode WebSocket (apps.connections.open points at it).
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponsePost[] = [];
  const locales = new Map<string, string>();
  const files = new Map<string, FakeFile>();
  const downloads: Array<{ id: string; authorized: boolean }> = [];
  const userGroups = new Map<string, string[]>();
  const tokens = new Map<string, FakeWorkspace>([
    ['xoxb-test-token', { teamId: 'T0MISSION', teamName: 'Mission of Canada' }],
  ]);
  const oauthCodes = new Map<string, FakeWorkspace & { token: string }>();
  const connections: WebSocket[] = [];
  const received: Array<Record<string, unknown>> = [];
  let base = '';
  let ts = 1_700_000_000;

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let answered: ApiCall | undefined;
    const reply = (status: number, payload: unknown) => {
      if (answered) answered.result = payload as Record<string, unknown>;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      if (id.startsWith('expired')) return reply(404, { ok: false, error: 'expired_url' });
      if (fake.record) responses.push({ id, body: JSON.parse(body || '{}') });
      reply(200, { ok: true });
      return;
    }
    if (url.pathname.startsWith('/files-pri/')) {
      // Like Slack: the file with the bot token, the sign-in page without it.
      const id = url.pathname.split('/')[2]?.split('-')[1] ?? '';
      const authorized = tokens.has(req.headers.authorization?.replace(/^Bearer /, '') ?? '');
      downloads.push({ id, authorized });
      const file = files.get(id);
      if (!authorized) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(signInPage);
        return;
      }
      if (!file) return reply(404, { ok: false, error: 'file_not_found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from(file.bytes));
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      reply(404, { ok: false, error: 'not_found' });
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const args = decodeArgs(body, req.headers['content-type'] ?? '');
    const fault = fake.fault?.(method);
    const call: ApiCall = {
      method,
      args,
      token: req.headers.authorization?.replace(/^Bearer /, ''),
      status: fault?.status ?? 200,
    };
    if (fake.record) calls.push(call);
    answered = call;
    fake.onCall?.(call);
    if (fault) {
      if (fault.delayMs) {
        // A long delay ends early when the request is dropped (a client timeout, or close()),
        // so that no timer outlives it.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, fault.delayMs);
          res.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (res.destroyed) return;
      if (fault.status === 200 && fault.error) return reply(200, { ok: false, error: fault.error });
      if (fault.status === 200 && fault.raw !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(fault.raw);
        return;
      }
      if (fault.status === 200) {
        // Only slow: answer normally below.
      } else if (fault.status >= 500) {
        res.writeHead(fault.status, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
        return;
      } else {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        res.writeHead(fault.status, headers);
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
    }
    switch (method) {
      case 'auth.test': {
        // A bot token the fake has not been told of is the default workspace's (single-workspace tests use many).
        const workspace =
          tokens.get(call.token ?? '') ??
          (call.token?.startsWith('xoxb-') ? tokens.get('xoxb-test-token') : undefined);
        if (!workspace) return reply(200, { ok: false, error: 'invalid_auth' });
        return reply(200, {
          ok: true,
          user_id: botUserId,
          bot_id: 'B0QUOTES',
          ...(workspace.teamId ? { team_id: workspace.teamId, team: workspace.teamName } : {}),
          ...(workspace.enterpriseId ? { enterprise_id: workspace.enterpriseId } : {}),
          ...(workspace.orgWide ? { is_enterprise_install: true } : {}),
          user: 'quotes',
        });
      }
      case 'oauth.v2.access': {
        const grant = oauthCodes.get(String(args.code));
        if (args.client_id !== '1111.2222' || args.client_secret !== 'test-client-secret-0123456789')
          return reply(200, { ok: false, error: 'invalid_client_id' });
        if (!grant) return reply(200, { ok: false, error: 'invalid_code' });
        oauthCodes.delete(String(args.code));
        tokens.set(grant.token, grant);
        return reply(200, {
          ok: true,
          app_id: 'A0QUOTES',
          authed_user: { id: 'U0INSTALLER' },
          scope: 'app_mentions:read,chat:write,commands,files:read,im:history,usergroups:read,users:read',
          token_type: 'bot',
          access_token: grant.token,
          bot_user_id: botUserId,
          team: grant.orgWide ? null : { id: grant.teamId, name: grant.teamName },
          enterprise: grant.enterpriseId ? { id: grant.enterpriseId, name: grant.enterpriseName } : null,
          is_enterprise_install: grant.orgWide === true,
        });
      }
      case 'chat.postMessage':
        ts += 1;
        return reply(200, {
          ok: true,
          // Posting to a user id posts in the direct message with the app.
          channel: String(args.channel).replace(/^U/, 'D'),
          ts: `${ts}.000100`,
          message: { text: args.text },
        });
      case 'chat.postEphemeral':
        return reply(200, { ok: true, message_ts: `${ts}.000200` });
      case 'chat.update':
        return reply(200, { ok: true, channel: args.channel, ts: args.ts });
      case 'views.publish':
        return reply(200, { ok: true, view: { id: 'V0HOME' } });
      case 'views.open':
        return reply(200, { ok: true, view: { id: 'V0MODAL' } });
      case 'files.info': {
        const id = String(args.file);
        const file = files.get(id);
        if (!file) return reply(200, { ok: false, error: 'file_not_found' });
        return reply(200, {
          ok: true,
          file: {
            id,
            name: file.name,
            title: file.name,
            filetype: file.filetype,
            size: file.size ?? file.bytes.length,
            ...(file.external
              ? { mode: 'external', is_external: true, external_type: 'gdrive', url_private: file.external }
              : {
                  mode: 'hosted',
                  url_private: `${base}/files-pri/T0MISSION-${id}/${encodeURIComponent(file.name)}`,
                  url_private_download: `${base}/files-pri/T0MISSION-${id}/download/${encodeURIComponent(file.name)}`,
                }),
          },
        });
      }
      case 'usergroups.users.list':
        return reply(200, { ok: true, users: userGroups.get(String(args.usergroup)) ?? [] });
      case 'users.info': {
        const user = String(args.user);
        return reply(200, { ok: true, user: { id: user, locale: locales.get(user) ?? 'en-US' } });
      }
      // Link unfurls and the Agents & AI Apps side panel: recorded in `calls`, answered as Slack does.
      case 'chat.unfurl':
        return reply(200, { ok: true });
      case 'assistant.threads.setStatus':
      case 'assistant.threads.setSuggestedPrompts':
      case 'assistant.threads.setTitle':
        return reply(200, { ok: true });
      case 'conversations.replies': {
        // The messages the app posted in that thread (its first one carries the thread's context).
        const messages = calls
          .filter(
            (c) =>
              c.method === 'chat.postMessage' &&
              c.args.channel === args.channel &&
              (c.args.thread_ts === args.ts || c.result?.ts === args.ts),
          )
          .map((c) => ({
            type: 'message',
            user: botUserId,
            ts: c.result?.ts,
            text: c.args.text,
            ...(c.args.metadata ? { metadata: c.args.metadata } : {}),
          }));
        return reply(200, { ok: true, messages, has_more: false });
      }
      case 'apps.connections.open':
        return reply(200, {
          ok: true,
          url: `${base.replace('http', 'ws')}/socket?ticket=secret-ticket-123&app_id=A0QUOTES`,
        });
      default:
        return reply(200, { ok: false, error: 'unknown_method' });
    }
  });
  const sockets = new WebSocketServer({ server, path: '/socket' });
  sockets.on('connection', (socket) => {
    connections.push(socket);
    socket.on('message', (data) => received.push(JSON.parse(String(data))));
    socket.send(
      JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0QUOTES' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    record: true,
    onCall: undefined,
    fault: undefined,
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    locales,
    files,
    downloads,
    userGroups,
    tokens,
    oauthCodes,
    socket: { connections, received },
    sendEnvelope(envelope) {
      const socket = connections.at(-1);
      if (!socket) throw new Error('no Socket Mode connection');
      socket.send(JSON.stringify(envelope));
    },
    async waitFor(find, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found !== undefined && found !== false) return found;
        if (Date.now() > deadline) throw new Error('timed out waiting for the fake Slack');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** The Web API client sends forms, with blocks and views as JSON strings. */
function decodeArgs(body: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return body ? JSON.parse(body) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

const safeJson = (value: string) => {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};
