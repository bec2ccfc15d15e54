/**
 * The workspace a payload came from, for keys and the audit log: an event envelope's
 * `team_id`, an interaction's `team.id`, or its user's `team_id`; for an org-wide
 * payload that names no team, its enterprise; '-' when none says.
 */
export function teamOf(body: unknown): string {
  const b = body as {
    team?: { id?: unknown } | null;
    team_id?: unknown;
    user?: { team_id?: unknown };
    enterprise?: { id?: unknown } | null;
    enterprise_id?: unknown;
  };
  const found = b.team?.id ?? b.team_id ?? b.user?.team_id ?? b.enterprise?.id ?? b.enterprise_id;
  return typeof found === 'string' && found ? found : '-';
}
