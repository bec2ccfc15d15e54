import { type Agent, request } from 'node:http';
import { signatureHeaders } from '../test/support/slack-requests.ts';

/** What the load tests type: searches, commands, a typo, a theme, an acronym. */
export const loadTexts = [
  'veto',
  'operations de paix',
  'para 14',
  'Kigalli',
  'R2P reality',
  'themes',
  'theme veto',
  'CSNU',
];

/**
 * POSTs a body to the app's /slack/events on loopback, signed as Slack does, and reports
 * the status (0 for a network error or a timeout) and the time to the full response.
 */
export function signedPost(
  agent: Agent,
  port: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': contentType,
          'content-length': Buffer.byteLength(body),
          ...signatureHeaders(body),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}
