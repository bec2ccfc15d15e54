import { notices } from '../notices.ts';
import type { ListenerContext, Workspace } from './context.ts';
import { type Guarded, guard } from './guard.ts';
import { logFailure } from './respond.ts';

/** Files sent in a direct message, and where to answer about them. */
export interface Sent {
  eventId: string | undefined;
  user: string;
  channel: string;
  /** The thread the review goes in: the message's own. */
  threadTs: string;
  files: Array<{ id: string; name?: string }>;
}

/** Files sent to the app are statements to add: handed to the archive, which checks the editor and reviews them. */
export async function receiveFiles(context: ListenerContext, sent: Sent, workspace: Workspace) {
  const { client, team } = workspace;
  const { eventId, user, channel, threadTs, files } = sent;
  const started = performance.now();
  const language = (await context.userLanguage(user, workspace)) ?? 'en';
  const request: Guarded = {
    surface: 'files',
    id: eventId,
    what: 'files in a direct message',
    answered: `files (${files.length}) in a direct message`,
    started,
    limit: {
      team,
      user,
      refuse: () => client.chat.postEphemeral({ channel, user, text: notices[language].rateLimited }),
    },
    fail: () =>
      client.chat
        .postMessage({ channel, thread_ts: threadTs, text: notices[language].archive.failed })
        .catch(logFailure(context.log, eventId, 'chat.postMessage')),
  };
  await guard(context, request, async () => {
    const { token } = workspace;
    await context.archive.receive({ client, token, team, user, channel, threadTs, files, language });
  });
}
