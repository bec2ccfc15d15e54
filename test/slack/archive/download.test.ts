import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeFile,
  downloadFile,
  FileFetchError,
  mayReceiveToken,
} from '../../../src/slack/archive/download.ts';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.ts';

let slack: FakeSlack;
let client: webApi.WebClient;
let redirecting: Server;
let redirectBase: string;

beforeAll(async () => {
  slack = await startFakeSlack();
  client = new webApi.WebClient('xoxb-test-token', {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
  });
  slack.files.set('F0HTML', {
    name: 'statement.html',
    filetype: 'html',
    bytes: new TextEncoder().encode(
      '<!DOCTYPE html><html><body><main><h1>Statement</h1></main></body></html>',
    ),
  });
  slack.files.set('F0WORD', {
    name: 'statement.docx',
    filetype: 'docx',
    bytes: new Uint8Array(2048).fill(65),
  });
  // A host that sends the browser to sign in, as Slack does for a request it does not trust.
  redirecting = createServer((_req, res) => res.writeHead(302, { location: '/signin' }).end());
  await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
  redirectBase = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await slack?.close();
  await new Promise((resolve) => redirecting?.close(resolve));
});

const fetchError = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    if (error instanceof FileFetchError) return error.code;
    throw error;
  }
  return 'downloaded';
};

describe('downloading a file sent in Slack', () => {
  it('downloads with the bot token, and an HTML statement is a statement', async () => {
    const file = await describeFile(client, 'F0HTML');
    const bytes = await downloadFile(file, 'xoxb-test-token', {
      maxBytes: 1024 * 1024,
      apiUrl: slack.apiUrl,
    });
    expect(new TextDecoder().decode(bytes)).toContain('<h1>Statement</h1>');
    expect(slack.downloads.at(-1)).toEqual({ id: 'F0HTML', authorized: true });
  });

  it('detects the sign-in page Slack sends without a valid token, instead of reading it', async () => {
    const file = await describeFile(client, 'F0WORD');
    expect(
      await fetchError(() =>
        downloadFile(file, 'xoxb-wrong', { maxBytes: 1024 * 1024, apiUrl: slack.apiUrl }),
      ),
    ).toBe('login_page');
    expect(slack.downloads.at(-1)).toEqual({ id: 'F0WORD', authorized: false });
  });

  it('never follows a redirect with the token', async () => {
    const file = {
      id: 'F0R',
      name: 'statement.docx',
      size: 10,
      filetype: 'docx',
      url: `${redirectBase}/files-pri/x`,
    };
    expect(
      await fetchError(() => downloadFile(file, 'xoxb-test-token', { maxBytes: 1024, apiUrl: redirectBase })),
    ).toBe('login_page');
  });

  it('sends the token to Slack’s hosts only', async () => {
    const count = slack.downloads.length;
    const file = {
      id: 'F0X',
      name: 'statement.docx',
      size: 10,
      filetype: 'docx',
      url: 'https://files.example.org/x.docx',
    };
    expect(
      await fetchError(() => downloadFile(file, 'xoxb-test-token', { maxBytes: 1024, apiUrl: slack.apiUrl })),
    ).toBe('unavailable');
    expect(slack.downloads.length).toBe(count);
  });

  it('never sends the token to the Web API or any page of a Slack host but a hosted file', async () => {
    const calls = slack.calls.length;
    const downloads = slack.downloads.length;
    for (const url of [
      `${slack.apiUrl}chat.postMessage?channel=C0MEETING&text=%3C!channel%3E`,
      'https://slack.com/api/chat.postMessage?channel=C0MEETING&text=%3C!channel%3E',
      'https://files.slack.com/api/chat.postMessage',
    ]) {
      const file = { id: 'F0API', name: 'statement.docx', size: 10, filetype: 'docx', url };
      expect(
        await fetchError(() =>
          downloadFile(file, 'xoxb-test-token', { maxBytes: 1024, apiUrl: slack.apiUrl }),
        ),
        url,
      ).toBe('unavailable');
    }
    expect(slack.calls.length).toBe(calls);
    expect(slack.downloads.length).toBe(downloads);
    const at = (address: string) => mayReceiveToken(new URL(address), undefined);
    expect(at('https://files.slack.com/files-pri/T1-F1/download/x.docx')).toBe(true);
    expect(at('https://files.slack-gov.com/files-pri/T1-F1/x.pdf')).toBe(true);
    for (const refused of [
      'https://slack.com/files-pri/T1-F1/x.docx',
      'https://evil.slack.com/files-pri/T1-F1/x.docx',
      'https://files.slack.com:8443/files-pri/T1-F1/x.docx',
      'http://files.slack.com/files-pri/T1-F1/x.docx',
      'https://user@files.slack.com/files-pri/T1-F1/x.docx',
      'https://files.slack.com.evil.example/files-pri/x',
    ])
      expect(at(refused), refused).toBe(false);
  });

  it('never downloads a remote file (Google Drive, Box…): its link may point anywhere', async () => {
    slack.files.set('F0REMOTE', {
      name: 'statement.docx',
      filetype: 'docx',
      bytes: new Uint8Array(10),
      external: `${slack.apiUrl}chat.postMessage?channel=C0MEETING&text=%3C!channel%3E`,
    });
    const downloads = slack.downloads.length;
    expect(await fetchError(() => describeFile(client, 'F0REMOTE'))).toBe('external');
    expect(slack.downloads.length).toBe(downloads);
    expect(slack.calls.some((call) => call.method === 'chat.postMessage')).toBe(false);
  });

  it('refuses a file larger than the cap, before and while downloading', async () => {
    const file = await describeFile(client, 'F0WORD');
    expect(
      await fetchError(() => downloadFile(file, 'xoxb-test-token', { maxBytes: 1000, apiUrl: slack.apiUrl })),
    ).toBe('too_large');
    // Slack said it was small; what came was not.
    const understated = { ...file, size: 100 };
    const count = slack.downloads.length;
    expect(
      await fetchError(() =>
        downloadFile(understated, 'xoxb-test-token', { maxBytes: 1000, apiUrl: slack.apiUrl }),
      ),
    ).toBe('too_large');
    expect(slack.downloads.length).toBe(count + 1);
  });

  it('refuses what is no statement format by its name and type, and a file gone from Slack', async () => {
    const image = { id: 'F0P', name: 'photo.png', size: 10, filetype: 'png', url: `${slack.apiUrl}x` };
    expect(
      await fetchError(() =>
        downloadFile(image, 'xoxb-test-token', { maxBytes: 1024, apiUrl: slack.apiUrl }),
      ),
    ).toBe('unknown_format');
    expect(await fetchError(() => describeFile(client, 'F0GONE'))).toBe('missing');
  });
});
