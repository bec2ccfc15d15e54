import type { App } from '@slack/bolt';
import { overviewReply } from '../../core/replies/overview.ts';
import { type HomeArchive, toHomeView } from '../home.ts';
import { type ListenerContext, workspaceOf } from './context.ts';
import { guard } from './guard.ts';

/** The App Home, drawn for the person who opens it (editors see Add a statement); never rate limited. */
export function registerHome(app: App, context: ListenerContext) {
  const { editors } = context;
  app.event('app_home_opened', async ({ event, client, body, context: bolt }) => {
    if (event.tab && event.tab !== 'home') return;
    const started = performance.now();
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const workspace = workspaceOf(body, bolt, client);
    const language = (await context.userLanguage(event.user, workspace)) ?? 'en';
    const failure = `[${eventId ?? '-'}] views.publish failed`;
    await guard(
      context,
      { surface: 'home', id: eventId, what: 'app_home_opened', started, failure },
      async () => {
        const adding: HomeArchive = !editors.configured
          ? { kind: 'off' }
          : (await editors.mayAdd(event.user, client))
            ? { kind: 'editor' }
            : { kind: 'viewer', editors: editors.mentions };
        const knowledge = context.knowledge();
        await client.views.publish({
          user_id: event.user,
          view: toHomeView(
            overviewReply(knowledge.statements, knowledge.themes, language),
            adding,
            await context.workspaceName(workspace),
          ),
        });
      },
    );
  });
}
