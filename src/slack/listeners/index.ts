import type { App, InstallationStore } from '@slack/bolt';
import type { Health } from '../http-server.ts';
import { registerAnswerActions } from './action.ts';
import { registerAssistant } from './assistant.ts';
import { registerCommands } from './command.ts';
import type { ListenerContext } from './context.ts';
import { registerFallbacks } from './fallback.ts';
import { registerHome } from './home.ts';
import { registerInstallationEvents } from './installation.ts';
import { registerMentions } from './mention.ts';
import { registerDirectMessages } from './message.ts';
import { registerShortcuts } from './shortcut.ts';
import { registerSpeakingNotes } from './speaking-notes.ts';
import { registerUnfurls } from './unfurl.ts';

/**
 * Every listener of the app, one small module per kind, each parsing what Slack sent,
 * calling the core and rendering the Reply. The archive's own listeners (files, review
 * buttons, modals) are registered with the archive. Fallbacks come last.
 */
export function registerListeners(
  app: App,
  context: ListenerContext,
  installations: { store: InstallationStore | undefined; health: Health },
) {
  // The side panel first: its threads' messages are its own, never a direct message's.
  registerAssistant(app, context);
  registerCommands(app, context);
  registerAnswerActions(app, context);
  registerSpeakingNotes(app, context);
  registerMentions(app, context);
  registerDirectMessages(app, context);
  registerShortcuts(app, context);
  registerHome(app, context);
  registerUnfurls(app, context);
  registerInstallationEvents(app, context, installations.store, installations.health);
  registerFallbacks(app, context);
}
