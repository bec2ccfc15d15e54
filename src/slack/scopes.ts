/**
 * The bot scopes the app asks for when a workspace installs it through OAuth: exactly
 * those its code uses, the same list as manifest.yml (a test keeps them in step).
 */
export const botScopes = [
  'app_mentions:read',
  'assistant:write',
  'chat:write',
  'commands',
  'files:read',
  'im:history',
  'links:read',
  'links:write',
  'usergroups:read',
  'users:read',
] as const;
