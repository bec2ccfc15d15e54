/**
 * The workspace a payload came from, for keys and the audit log: an event envelope's
 * `team_id`, an interaction's `team.id`, or its user's `team_id`; '-' when none says.
 */
export function teamOf(body: unknown): string {
  const b = body as { team?: { id?: unknown } | null; team_id?: unknown; user?: { team_id?: unknown } };
  const found = b.team?.id ?? b.team_id ?? b.user?.team_id;
  return typeof found === 'string' && found ? found : '-';
}
