import type { App, InstallationStore } from '@slack/bolt';
import type { Health } from '../http-server.ts';
import { registerAnswerActions } from './action.ts';
import { registerCommands } from './command.ts';
import type { ListenerContext } from './context.ts';
import { registerFallbacks } from './fallback.ts';
import { registerHome } from './home.ts';
import { registerInstallationEvents } from './installation.ts';
import { registerMentions } from './mention.ts';
import { registerDirectMessages } from './message.ts';
import { registerShortcuts } from './shortcut.ts';

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
  registerCommands(app, context);
  registerAnswerActions(app, context);
  registerMentions(app, context);
  registerDirectMessages(app, context);
  registerShortcuts(app, context);
  registerHome(app, context);
  registerInstallationEvents(app, context, installations.store, installations.health);
  registerFallbacks(app, context);
}
