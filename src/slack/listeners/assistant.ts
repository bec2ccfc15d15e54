import { type App, Assistant, type AssistantConfig, type webApi } from '@slack/bolt';
import { suggestedPrompts } from '../../core/replies/prompts.ts';
import { notices } from '../notices.ts';
import { workspaceOf } from '../team.ts';
import type { ListenerContext } from './context.ts';
import { type DirectMessage, receiveDirectMessage } from './message.ts';
import { logFailure } from './respond.ts';

/**
 * Slack's Agents & AI Apps side panel: the app open beside any channel or huddle. A thread
 * started there is greeted with suggested prompts in the user's language; every question
 * is answered in the thread as a direct message is (files too), in full with the answer's
 * buttons, and Post to the channel the panel is beside replaces Share. Without the feature
 * (a free plan, or the manifest's `assistant_view` left out) nothing here runs but the
 * answers to replies in a direct message's threads, as before.
 */
export function registerAssistant(app: App, context: ListenerContext) {
  app.assistant(
    new Assistant({
      threadContextStore: threadContexts,

      threadStarted: async ({ event, say, setSuggestedPrompts, client, context: bolt, body }) => {
        const { user_id: user, context: viewing } = event.assistant_thread;
        const workspace = workspaceOf(body, bolt, client);
        const language = (await context.userLanguage(user, workspace)) ?? 'en';
        const t = notices[language];
        const beside =
          viewing.channel_id && /^[CG]/.test(viewing.channel_id) ? viewing.channel_id : undefined;
        await say(beside ? `${t.panelGreeting}\n${t.panelBeside(beside)}` : t.panelGreeting);
        await setSuggestedPrompts({
          title: t.panelPromptsTitle,
          prompts: suggestedPrompts(context.knowledge().themes, language),
        }).catch(logFailure(context.log, undefined, 'assistant.threads.setSuggestedPrompts'));
      },

      userMessage: async ({
        message,
        client,
        context: bolt,
        body,
        setTitle,
        setStatus,
        getThreadContext,
      }) => {
        const asked = message as unknown as DirectMessage;
        const workspace = workspaceOf(body, bolt, client);
        const language = (await context.userLanguage(asked.user, workspace)) ?? 'en';
        const thread = asked.thread_ts ?? asked.ts;
        const viewing = await getThreadContext().catch(() => ({}) as AssistantThreadContext);
        const channel =
          viewing.channel_id && /^[CG]/.test(viewing.channel_id) ? viewing.channel_id : undefined;
        // Once the question is known to be new: the thread titled with its first one, and a status meanwhile.
        const onQuestion = async () => {
          const text = asked.text?.trim() ?? '';
          const first = await context.deliveries
            .firstTime(`panel-title:${workspace.team}:${asked.channel}:${thread}`)
            .catch(() => false);
          if (first)
            await setTitle(text.length > 60 ? `${text.slice(0, 59)}…` : text).catch(
              logFailure(context.log, undefined, 'assistant.threads.setTitle'),
            );
          await setStatus(notices[language].panelLooking).catch(
            logFailure(context.log, undefined, 'assistant.threads.setStatus'),
          );
        };
        await receiveDirectMessage(
          context,
          asked,
          { body, client, bolt },
          { ...(channel ? { channel } : {}), onQuestion },
        );
      },
    }),
  );
}

type AssistantThreadContextStore = NonNullable<AssistantConfig['threadContextStore']>;
/** What Slack says a panel thread is beside: the channel (and workspace) the user is viewing. */
type AssistantThreadContext = Awaited<ReturnType<AssistantThreadContextStore['get']>>;

/**
 * Where a panel thread's context (the channel the user is viewing) is kept: in the metadata
 * of the app's first message of the thread, as Slack suggests, read back each time. Unlike
 * Bolt's default store, nothing is cached in the process: several threads, users and
 * instances never see each other's context.
 */
const threadContexts: AssistantThreadContextStore = {
  async get({ client, payload, context }) {
    const { channel, thread } = threadOf(payload);
    const first =
      channel && thread ? await firstOwnMessage(client, channel, thread, context.botUserId) : undefined;
    return (first?.metadata?.event_payload as AssistantThreadContext | undefined) ?? {};
  },
  async save({ client, payload, context }) {
    const { channel, thread, viewing } = threadOf(payload);
    if (!channel || !thread || !viewing) return;
    const first = await firstOwnMessage(client, channel, thread, context.botUserId);
    if (!first?.ts) return;
    await client.chat.update({
      channel,
      ts: first.ts,
      text: first.text ?? '',
      ...(first.blocks ? { blocks: first.blocks as never } : {}),
      metadata: { event_type: 'assistant_thread_context', event_payload: viewing as never },
    });
  },
};

/** The app's first message in a panel thread, which holds the thread's context in its metadata. */
async function firstOwnMessage(
  client: webApi.WebClient,
  channel: string,
  thread: string,
  bot: string | undefined,
) {
  const replies = await client.conversations.replies({
    channel,
    ts: thread,
    oldest: thread,
    include_all_metadata: true,
    limit: 4,
  });
  return replies.messages?.find((m) => !('subtype' in m && m.subtype) && m.user === bot);
}

/** The thread a panel event is about, and the context it carries when it says one. */
function threadOf(payload: unknown): { channel?: string; thread?: string; viewing?: AssistantThreadContext } {
  const event = payload as {
    channel?: string;
    thread_ts?: string;
    assistant_thread?: { channel_id?: string; thread_ts?: string; context?: AssistantThreadContext };
  };
  const channel = event.assistant_thread?.channel_id ?? event.channel;
  const thread = event.assistant_thread?.thread_ts ?? event.thread_ts;
  return {
    ...(channel ? { channel } : {}),
    ...(thread ? { thread } : {}),
    ...(event.assistant_thread?.context ? { viewing: event.assistant_thread.context } : {}),
  };
}
