import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.ts';
import type { ListenerContext } from '../../src/slack/listeners/context.ts';
import { type Guarded, guard } from '../../src/slack/listeners/guard.ts';

/** A listener context that records what the guard asked of it, in order; `allowed` decides the rate limit. */
function recording(allowed = true) {
  const calls: string[] = [];
  const context = {
    allow: async (team: string, user: string) => {
      calls.push(`allow ${team}:${user}`);
      return allowed;
    },
    limited: (surface: string, what: string, id: string | undefined) =>
      calls.push(`limited ${surface} ${what} ${id}`),
    timed: (surface: string, what: string, id: string | undefined, _started: number, reply?: Reply) =>
      calls.push(`timed ${surface} ${what} ${id} ${reply?.kind ?? 'none'}`),
    failed: (surface: string, what: string, error: unknown) =>
      calls.push(`failed ${surface} ${what} ${(error as Error).message}`),
  } as unknown as ListenerContext;
  const request = (more: Partial<Guarded> = {}): Guarded => ({
    surface: 'command',
    id: 'T1',
    what: 'command /quote',
    started: performance.now(),
    limit: { team: 'T0', user: 'U1', refuse: async () => calls.push('refused') },
    fail: async () => calls.push('told of a failure'),
    ...more,
  });
  return { calls, context, request };
}

const help: Reply = { kind: 'help', language: 'en', title: 'Help', intro: '', sections: [] };

describe('the listeners’ guard', () => {
  it('checks the rate limit, runs the work, then logs it timed with the reply’s kind', async () => {
    const { calls, context, request } = recording();
    await guard(context, request(), async () => {
      calls.push('work');
      return help;
    });
    expect(calls).toEqual(['allow T0:U1', 'work', 'timed command command /quote T1 help']);
  });

  it('refuses a user over the limit without running the work, and logs the refusal', async () => {
    const { calls, context, request } = recording(false);
    await guard(context, request(), async () => {
      calls.push('work');
      return help;
    });
    expect(calls).toEqual(['allow T0:U1', 'refused', 'limited command command /quote T1']);
  });

  it('logs a failure by what failed, then tells the user, and never lets it escape', async () => {
    const { calls, context, request } = recording();
    await guard(context, request(), async () => {
      throw new Error('boom');
    });
    expect(calls).toEqual([
      'allow T0:U1',
      'failed command [T1] command /quote failed boom',
      'told of a failure',
    ]);
  });

  it('counts a limiter that cannot answer as a failure', async () => {
    const { calls, context, request } = recording();
    context.allow = async () => {
      throw new Error('redis down');
    };
    await guard(context, request(), async () => help);
    expect(calls).toEqual(['failed command [T1] command /quote failed redis down', 'told of a failure']);
  });

  it('runs what is left to do after the answer is logged, and without a limit never asks the limiter', async () => {
    const { calls, context, request } = recording();
    const home = request({ surface: 'home', what: 'app_home_opened', failure: '[T1] views.publish failed' });
    delete home.limit;
    await guard(context, home, async () => ({
      reply: help,
      afterwards: async () => void calls.push('remembered'),
    }));
    await guard(context, home, async () => {
      throw new Error('boom');
    });
    expect(calls).toEqual([
      'timed home app_home_opened T1 help',
      'remembered',
      'failed home [T1] views.publish failed boom',
      'told of a failure',
    ]);
  });

  it('logs what was answered in the words given for it, and no kind when the work gives no reply', async () => {
    const { calls, context, request } = recording();
    await guard(
      context,
      request({
        surface: 'files',
        what: 'files in a direct message',
        answered: 'files (2) in a direct message',
      }),
      async () => undefined,
    );
    expect(calls).toEqual(['allow T0:U1', 'timed files files (2) in a direct message T1 none']);
  });
});
