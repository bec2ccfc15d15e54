import { createHmac } from 'node:crypto';

export const signingSecret = 'test-signing-secret-0123456789';

/** Slack's request signature: v0= + HMAC-SHA256 of "v0:{timestamp}:{body}". */
/** Now, as Slack stamps a request: whole seconds since the epoch. */
export const slackTimestamp = () => Math.floor(Date.now() / 1000);

export function signatureHeaders(body: string, timestamp = slackTimestamp(), secret = signingSecret) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SendOptions {
  headers?: Record<string, string>;
  timestamp?: number;
  secret?: string;
  unsigned?: boolean;
}

/** POSTs a form (slash commands, interactivity) to the app, signed as Slack does. */
export function postForm(url: string, fields: Record<string, string>, options: SendOptions = {}) {
  const body = new URLSearchParams(fields).toString();
  return post(url, body, 'application/x-www-form-urlencoded', options);
}

/** POSTs a JSON body (Events API) to the app, signed as Slack does. */
export function postJson(url: string, payload: unknown, options: SendOptions = {}) {
  return post(url, JSON.stringify(payload), 'application/json', options);
}

function post(url: string, body: string, contentType: string, options: SendOptions) {
  const signed = options.unsigned ? {} : signatureHeaders(body, options.timestamp, options.secret);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signed, ...options.headers },
    body,
  });
}
