import type { webApi } from '@slack/bolt';
import { formatOfFileName, formatOfSlackType } from '../../core/ingest/formats/index.ts';
import { FileUnavailable } from '../../service/reviews.ts';
import { slackErrorOf } from '../start-auth.ts';

/** Why a file sent in Slack could not be fetched. */
export type FetchProblem =
  | 'too_large'
  | 'unknown_format'
  | 'login_page'
  | 'unavailable'
  | 'missing'
  | 'external';

/** A file Slack could not give: a FileUnavailable for the review workflow, with Slack's reasons. */
export class FileFetchError extends FileUnavailable {
  override readonly name = 'FileUnavailable';
  declare readonly code: FetchProblem;
}

/** A file shared in Slack, as files.info describes it. */
export interface SlackFile {
  id: string;
  name: string;
  size: number;
  filetype: string;
  url: string;
}

/**
 * What Slack says of a file: its name, size, type and private download address. A file
 * deleted or hidden since it was sent is `missing`. Nothing is downloaded.
 */
export async function describeFile(client: webApi.WebClient, id: string): Promise<SlackFile> {
  let file: Record<string, unknown> | undefined;
  try {
    file = (await client.files.info({ file: id })).file as Record<string, unknown> | undefined;
  } catch (error) {
    const said = slackErrorOf(error);
    if (said === 'file_not_found' || said === 'file_deleted') throw new FileFetchError('missing');
    throw error;
  }
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || typeof url !== 'string' || file.mode === 'tombstone' || file.mode === 'hidden_by_limit')
    throw new FileFetchError('missing');
  // A remote file (Google Drive, Box…) is a link to anywhere: Slack's documentation says
  // never to send a Slack token to it. It is never downloaded.
  if (file.is_external === true || file.mode === 'external' || typeof file.external_type === 'string')
    throw new FileFetchError('external');
  return {
    id,
    name: typeof file.name === 'string' && file.name ? file.name : id,
    size: typeof file.size === 'number' ? file.size : 0,
    filetype: typeof file.filetype === 'string' ? file.filetype : '',
    url,
  };
}

export interface DownloadOptions {
  /** The largest file read, in bytes. */
  maxBytes: number;
  /** The Web API base URL when it is not Slack's own (tests, GovSlack): its host may serve files too. */
  apiUrl?: string;
  timeoutMs?: number;
}

/** Slack's documented file hosts, where a hosted file's `url_private` points. */
const fileHosts = new Set(['files.slack.com', 'files.slack-gov.com']);

/**
 * True only for a hosted file's private address: https on Slack's file hosts (or the
 * configured API's own host, for GovSlack's and the tests' servers), under `/files-pri/`.
 * Never the Web API or any other page of a Slack host: a GET there with the token would run
 * a method (`https://slack.com/api/chat.postMessage?…`).
 */
export function mayReceiveToken(address: URL, apiUrl: string | undefined): boolean {
  if (address.username || address.password || !address.pathname.startsWith('/files-pri/')) return false;
  if (apiUrl && address.origin === new URL(apiUrl).origin) return true;
  return (
    address.protocol === 'https:' && address.port === '' && fileHosts.has(address.hostname.toLowerCase())
  );
}

/** True when what came back is an HTML page where the file was not one: Slack's sign-in page. */
function isSignInPage(bytes: Uint8Array, file: SlackFile): boolean {
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!/^(<!doctype html|<html)/i.test(head)) return false;
  const declaredHtml =
    formatOfSlackType(file.filetype)?.format === 'html' || formatOfFileName(file.name)?.format === 'html';
  return !declaredHtml || (file.size > 0 && bytes.length !== file.size);
}

/**
 * Downloads a file's bytes with the bot token, as Slack requires (Authorization: Bearer),
 * and only from Slack's own hosts. Refuses what is too large before and while reading,
 * what is no statement format by its name and type, and the HTML sign-in page Slack
 * answers with when the token is missing or lacks files:read.
 */
export async function downloadFile(
  file: SlackFile,
  token: string,
  options: DownloadOptions,
): Promise<Uint8Array> {
  if (file.size > options.maxBytes) throw new FileFetchError('too_large', file.size);
  // A statement format by Slack's file type or by its name (the formats table's).
  if (!formatOfSlackType(file.filetype) && !formatOfFileName(file.name))
    throw new FileFetchError('unknown_format');
  let address: URL;
  try {
    address = new URL(file.url);
  } catch {
    throw new FileFetchError('unavailable');
  }
  if (!mayReceiveToken(address, options.apiUrl)) throw new FileFetchError('unavailable');
  let response: Response;
  try {
    response = await fetch(address, {
      headers: { authorization: `Bearer ${token}` },
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch {
    throw new FileFetchError('unavailable');
  }
  // A redirect is Slack sending the browser to sign in: never followed with the token.
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new FileFetchError('login_page');
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new FileFetchError(response.status === 404 ? 'missing' : 'unavailable');
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > options.maxBytes) {
        await reader.cancel();
        throw new FileFetchError('too_large', length);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FileFetchError) throw error;
    throw new FileFetchError('unavailable');
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  if (isSignInPage(bytes, file)) throw new FileFetchError('login_page');
  return bytes;
}
