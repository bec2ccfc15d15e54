import type { App, InstallationStore } from '@slack/bolt';
import type { Health } from '../http-server';
import { registerAnswerActions } from './action';
import { registerCommands } from './command';
import type { ListenerContext } from './context';
import { registerFallbacks } from './fallback';
import { registerHome } from './home';
import { registerInstallationEvents } from './installation';
import { registerMentions } from './mention';
import { registerDirectMessages } from './message';
import { registerShortcuts } from './shortcut';

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
