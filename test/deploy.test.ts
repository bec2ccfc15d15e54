import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The deployment files, checked as text: there is no Docker engine where the tests run.
const run = promisify(execFile);
const dockerfile = readFileSync('Dockerfile', 'utf8');
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((line) => line.trim() && !line.trim().startsWith('#'));
const composeText = readFileSync('compose.yaml', 'utf8');
const compose = parse(composeText, { merge: true });
const services = compose.services as Record<string, Record<string, unknown>>;
const nginxText = readFileSync('deploy/nginx.conf', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

/** The instructions of one kind (`RUN`, `COPY`...), continuation lines joined. */
const all = (keyword: string) => instructions.filter((line) => line.startsWith(`${keyword} `));
/** The JSON (exec) form of an instruction's arguments, e.g. CMD ["node", "x"]: the array. */
const execForm = (line: string | undefined) => {
  const json = /(\[.*\])\s*$/.exec(line ?? '')?.[1];
  if (!json) throw new Error(`not in exec form: ${line}`);
  return JSON.parse(json) as string[];
};
/** The value an ENV instruction gives a variable. */
const envOf = (name: string) =>
  all('ENV')
    .map((line) => new RegExp(`\\b${name}=(\\S+)`).exec(line)?.[1])
    .findLast(Boolean);

/**
 * Whether some version of Node `major` satisfies an "engines" range made of `^x.y.z`,
 * `>=x.y.z` and `||` (the forms package.json uses; any other throws).
 */
const admitsMajor = (range: string, major: number) =>
  range.split('||').some((part) => {
    const match = /^\s*(\^|>=)\s*(\d+)(?:\.\d+){0,2}\s*$/.exec(part);
    if (!match) throw new Error(`unexpected engines range: ${part}`);
    const least = Number(match[2]);
    return match[1] === '^' ? major === least : major >= least;
  });

describe('admitsMajor (the engines check below)', () => {
  it('tells the lines a range admits', () => {
    expect(admitsMajor('^22.18.0 || ^24.3.0 || >=26.0.0', 24)).toBe(true);
    expect(admitsMajor('^22.18.0 || ^24.3.0 || >=26.0.0', 27)).toBe(true);
    expect(admitsMajor('^22.18.0 || ^24.3.0 || >=26.0.0', 23)).toBe(false);
    expect(admitsMajor('^22.18.0 || ^24.3.0', 26)).toBe(false);
    expect(() => admitsMajor('~22.1', 22)).toThrow();
  });
});

describe('the Dockerfile', () => {
  const from = all('FROM').at(-1)!;
  const major = Number(/^FROM node:(\d+)\b/.exec(from)?.[1]);

  it('is on the Node.js major of .nvmrc, one that package.json supports, with no build step', () => {
    expect(major).toBeGreaterThan(0);
    const nvmrc = readFileSync('.nvmrc', 'utf8').trim();
    expect(nvmrc).toMatch(/^v?\d+$/);
    expect(major).toBe(Number(nvmrc.replace(/^v/, '')));
    expect(admitsMajor(pkg.engines.node, major)).toBe(true);
    const runs = all('RUN');
    expect(runs.some((line) => line.includes('npm ci --omit=dev'))).toBe(true);
    expect(runs.some((line) => /npm run build|\btsc\b/.test(line))).toBe(false);
  });

  it('starts the app with plain node on src/slack/main.ts, tini its one init process', () => {
    // Exec form: node is tini's child, so that SIGTERM reaches it; no loader, no npm between.
    expect(execForm(all('CMD').at(-1))).toEqual(['node', 'src/slack/main.ts']);
    expect(execForm(all('ENTRYPOINT').at(-1))).toEqual(['/usr/bin/tini', '--']);
    expect(all('RUN').some((line) => /apt-get install .*\btini\b/.test(line))).toBe(true);
    // The app instances must not add a second init (compose's `init: true`).
    for (const app of ['app-a', 'app-b']) expect(services[app]!.init).toBeUndefined();
  });

  it('has no tsx left anywhere, and npm ci --omit=dev installs no TypeScript tool', () => {
    for (const [file, text] of [
      ['Dockerfile', dockerfile],
      ['compose.yaml', composeText],
      ['deploy/nginx.conf', nginxText],
    ])
      expect(`${file}: ${/\btsx\b/.test(text!)}`).toBe(`${file}: false`);
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain('tsx');
    for (const script of Object.values(pkg.scripts)) expect(script).not.toMatch(/\btsx\b/);
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const runtime = Object.entries(lock.packages)
      .filter(([path, entry]) => path && !entry.dev)
      .map(([path]) => path.split('node_modules/').at(-1));
    for (const tool of ['tsx', 'typescript', 'ts-node', 'esbuild', '@swc/core'])
      expect(runtime).not.toContain(tool);
  });

  it('checks liveness, not readiness, so a refused token never gets the container restarted', () => {
    const check = all('HEALTHCHECK');
    expect(check).toHaveLength(1);
    expect(execForm(check[0])).toEqual(['node', 'scripts/healthcheck.mjs', 'live']);
  });

  it('runs as node, which owns the two folders the app writes', () => {
    const users = all('USER');
    expect(users.at(-1)).toBe('USER node');
    expect(envOf('STATE_DIR')).toBe('/app/var');
    expect(envOf('INDEX_CACHE_DIR')).toBe('/app/.cache/index');
    const runs = all('RUN');
    const lastUser = instructions.lastIndexOf(users.at(-1)!);
    for (const dir of [envOf('STATE_DIR')!, envOf('INDEX_CACHE_DIR')!]) {
      const made = runs.find((line) => line.includes('mkdir -p') && line.split(/\s+/).includes(dir));
      expect(made, `mkdir -p ${dir}`).toBeDefined();
      expect(instructions.indexOf(made!)).toBeLessThan(lastUser);
      // chown -R node:node on the folder itself or one that holds it.
      const owned = /chown -R node(?::node)? ([^&;]+)/.exec(made!)?.[1]?.trim().split(/\s+/) ?? [];
      expect(
        owned.some((path) => dir === path || dir.startsWith(`${path}/`)),
        `${dir} owned by node`,
      ).toBe(true);
    }
  });

  it('copies what the app reads at run time, and nothing local the context should not hold', () => {
    for (const path of ['src', 'data', 'scripts/healthcheck.mjs', 'package.json', 'package-lock.json'])
      expect(
        all('COPY').some((line) => line.split(/\s+/).includes(path)),
        path,
      ).toBe(true);
    const ignored = readFileSync('.dockerignore', 'utf8')
      .split('\n')
      .map((line) => line.trim());
    for (const path of ['node_modules', '.env', '.git', 'var', '.cache', 'coverage', 'test'])
      expect(ignored).toContain(path);
  });
});

describe('the health check script', () => {
  const check = async (status: number, which: 'live' | 'ready') => {
    const server = createServer((_req, res) => res.writeHead(status).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as AddressInfo).port);
    try {
      await run(process.execPath, ['scripts/healthcheck.mjs', which], {
        env: { ...process.env, PORT: port, HEALTH_PORT: port },
      });
      return 0;
    } catch (error) {
      return (error as { code?: number }).code ?? -1;
    } finally {
      server.close();
    }
  };

  it('exits 0 on 200, and 1 on 503 or no answer', async () => {
    for (const which of ['live', 'ready'] as const) {
      expect(await check(200, which)).toBe(0);
      expect(await check(503, which)).toBe(1);
    }
    const nobody = await run(process.execPath, ['scripts/healthcheck.mjs', 'live'], {
      env: { ...process.env, PORT: '1', HEALTH_PORT: '1' },
    }).then(
      () => 0,
      (error: { code?: number }) => error.code,
    );
    expect(nobody).toBe(1);
  });
});

/** nginx's configuration as a tree of directives (comments dropped, quotes kept out). */
type Directive = { name: string; args: string[]; block?: Directive[] };
const parseNginx = (text: string): Directive[] => {
  const tokens = [
    ...text.replace(/#.*$/gm, '').matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([{};])|([^\s{};"']+)/g),
  ].map((match) => ({ word: match[1] ?? match[2] ?? match[4], punct: match[3] }));
  let at = 0;
  const block = (nested: boolean): Directive[] => {
    const out: Directive[] = [];
    let words: string[] = [];
    while (at < tokens.length) {
      const token = tokens[at++]!;
      if (token.word !== undefined) words.push(token.word);
      else if (token.punct === ';') {
        out.push({ name: words[0]!, args: words.slice(1) });
        words = [];
      } else if (token.punct === '{') {
        out.push({ name: words[0]!, args: words.slice(1), block: block(true) });
        words = [];
      } else if (nested) return out;
      else throw new Error('unbalanced }');
    }
    if (nested || words.length) throw new Error('unterminated block or directive');
    return out;
  };
  return block(false);
};
const nginx = parseNginx(nginxText);
const flat = (directives: Directive[]): Directive[] =>
  directives.flatMap((directive) => [directive, ...flat(directive.block ?? [])]);
/** nginx's time syntax (500ms, 2s, 1m, or plain seconds) in milliseconds. */
const ms = (value: string) => {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value);
  if (!match) throw new Error(`unexpected time: ${value}`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's']!;
};
const upstreams = nginx.filter((directive) => directive.name === 'upstream');
const server = nginx.find((directive) => directive.name === 'server')!;
const locations = server.block!.filter((directive) => directive.name === 'location');
/** The location nginx picks for a path: an exact match, else the longest prefix (no regexes here). */
const locationFor = (path: string) =>
  locations.find((l) => l.args[0] === '=' && l.args[1] === path) ??
  locations
    .filter((l) => l.args.length === 1 && path.startsWith(l.args[0]!))
    .sort((a, b) => b.args[0]!.length - a.args[0]!.length)[0];
/** The upstream a path is proxied to, if it is. */
const proxiedTo = (path: string) => {
  const pass = locationFor(path)?.block?.find((directive) => directive.name === 'proxy_pass');
  const name = pass && /^http:\/\/([^/:]+)/.exec(pass.args[0]!)?.[1];
  return name ? upstreams.find((upstream) => upstream.args[0] === name) : undefined;
};

describe('deploy/nginx.conf', () => {
  it('parses as a tree nginx would read, with no regex locations the matching here would miss', () => {
    expect(() => parseNginx('server { listen 80; ')).toThrow();
    expect(() => parseNginx('a; }')).toThrow();
    expect(server.block).toBeDefined();
    expect(locations.length).toBeGreaterThan(0);
    expect(
      locations.every((l) => l.args[0] === '=' || (l.args.length === 1 && l.args[0]!.startsWith('/'))),
    ).toBe(true);
    expect(nginx.filter((directive) => directive.name === 'server')).toHaveLength(1);
  });

  it('balances over both instances, resolved by name through Docker DNS as they come and go', () => {
    const resolver = nginx.find((directive) => directive.name === 'resolver');
    expect(resolver?.args).toContain('127.0.0.11');
    expect(resolver?.args.some((arg) => /^valid=\d+s$/.test(arg))).toBe(true);
    expect(resolver?.args).toContain('ipv6=off');
    const upstream = proxiedTo('/slack/events');
    expect(upstream).toBeDefined();
    const inside = upstream!.block!;
    // `resolve` needs shared memory for the addresses.
    expect(inside.find((directive) => directive.name === 'zone')?.args).toHaveLength(2);
    const servers = inside.filter((directive) => directive.name === 'server');
    expect(servers.map((s) => s.args[0])).toEqual(['app-a:3000', 'app-b:3000']);
    for (const s of servers) {
      expect(s.args).toContain('resolve');
      expect(s.args.some((arg) => /^max_fails=\d+$/.test(arg))).toBe(true);
      expect(s.args.some((arg) => /^fail_timeout=\d+/.test(arg))).toBe(true);
    }
  });

  it("sends a Slack POST to the other instance after a connection error, a 502 or a 503, within Slack's 3 s", () => {
    const all = flat(nginx);
    const next = all.filter((directive) => directive.name === 'proxy_next_upstream');
    expect(next).toHaveLength(1);
    for (const condition of ['error', 'http_502', 'http_503', 'non_idempotent'])
      expect(next[0]!.args).toContain(condition);
    expect(all.find((directive) => directive.name === 'proxy_next_upstream_tries')?.args).toEqual(['2']);
    const timeouts = all.filter((directive) => directive.name.endsWith('_timeout'));
    const set = (name: string) => timeouts.find((directive) => directive.name === name)?.args[0];
    for (const name of [
      'proxy_connect_timeout',
      'proxy_send_timeout',
      'proxy_read_timeout',
      'proxy_next_upstream_timeout',
    ])
      expect(set(name), name).toBeDefined();
    for (const timeout of timeouts) expect(ms(timeout.args[0]!), timeout.name).toBeLessThan(3000);
    expect(ms(set('proxy_connect_timeout')!)).toBeLessThanOrEqual(1000);
    // A retry after a timeout must start before a sent request could have timed out reading.
    if (next[0]!.args.includes('timeout'))
      expect(ms(set('proxy_next_upstream_timeout')!)).toBeLessThanOrEqual(
        Math.min(ms(set('proxy_read_timeout')!), ms(set('proxy_send_timeout')!)),
      );
    expect(server.block!.find((directive) => directive.name === 'client_max_body_size')?.args).toEqual([
      '1m',
    ]);
  });

  it('proxies only the Slack paths and /readyz; /metrics and /livez are never exposed', () => {
    for (const path of ['/slack/events', '/slack/install', '/slack/oauth_redirect', '/readyz'])
      expect(proxiedTo(path)?.args[0], path).toBe('quotes');
    for (const path of ['/metrics', '/livez', '/healthz', '/', '/slack/other', '/readyz/x']) {
      expect(proxiedTo(path), path).toBeUndefined();
      expect(locationFor(path)?.block?.find((d) => d.name === 'return')?.args, path).toEqual(['404']);
    }
    expect(locationFor('/lb-health')?.block?.find((d) => d.name === 'return')?.args[0]).toBe('200');
  });
});

describe('compose.yaml', () => {
  const apps = ['app-a', 'app-b'];
  const image = (name: string) => String(services[name]!.image);

  it('runs two app instances, Redis, PostgreSQL and a load balancer, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['app-a', 'app-b', 'lb', 'postgres', 'redis']);
    for (const name of Object.keys(services)) expect(services[name]!.healthcheck, name).toBeDefined();
    for (const app of apps) {
      const env = services[app]!.environment as Record<string, string>;
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/quotes:.*@postgres:5432\/quotes$/);
      // Behind a load balancer the app runs in HTTP mode.
      expect(env.SLACK_APP_TOKEN).toBe('');
      expect(services[app]!.depends_on).toEqual({
        redis: { condition: 'service_healthy' },
        postgres: { condition: 'service_healthy' },
      });
    }
  });

  it('builds the image once, which both instances run', () => {
    const built = Object.keys(services).filter((name) => services[name]!.build !== undefined);
    expect(built).toEqual(['app-a']);
    expect(image('app-a')).toMatch(/^[a-z0-9][\w.-]*(:[\w.-]+)?$/);
    expect(image('app-b')).toBe(image('app-a'));
    // app-a is built (never pulled under that name); app-b only uses what app-a built.
    expect(services['app-a']!.pull_policy).toBe('build');
    expect(services['app-b']!.pull_policy).toBe('never');
  });

  it('has no default database password: compose stops and says where to set it', () => {
    const uses = [
      (services.postgres!.environment as Record<string, string>).POSTGRES_PASSWORD,
      ...apps.map((app) => (services[app]!.environment as Record<string, string>).DATABASE_URL),
    ];
    for (const value of uses) expect(value).toMatch(/\$\{POSTGRES_PASSWORD:\?[^}]*\.env[^}]*shell[^}]*\}/);
    // Every mention in the file is of that form, none with a default (`:-`, `-`) or bare.
    const mentions = [...composeText.matchAll(/\$\{?POSTGRES_PASSWORD([^}\s]{0,2})/g)].map((m) => m[1]);
    expect(mentions.length).toBeGreaterThanOrEqual(2);
    for (const rest of mentions) expect(rest).toBe(':?');
  });

  it('keeps the index snapshot on a named volume, where INDEX_CACHE_DIR points', () => {
    const volumes = Object.keys((compose.volumes ?? {}) as Record<string, unknown>);
    for (const app of apps) {
      const mounts = services[app]!.volumes as string[];
      const cache = mounts.map((mount) => mount.split(':')).find(([, target]) => target === '/app/.cache');
      expect(cache, app).toBeDefined();
      expect(volumes).toContain(cache![0]);
      const dir =
        (services[app]!.environment as Record<string, string>).INDEX_CACHE_DIR ?? envOf('INDEX_CACHE_DIR');
      expect(dir?.startsWith('/app/.cache/')).toBe(true);
    }
  });

  it('checks the instances for liveness', () => {
    for (const app of apps)
      expect((services[app]!.healthcheck as { test: string[] }).test).toEqual([
        'CMD',
        'node',
        'scripts/healthcheck.mjs',
        'live',
      ]);
  });

  it('starts the load balancer with the instances, healthy once one instance is ready', () => {
    const lb = services.lb!;
    expect(lb.depends_on).toEqual({
      'app-a': { condition: 'service_started' },
      'app-b': { condition: 'service_started' },
    });
    // An nginx with `resolve` on upstream servers (1.27.3 or later).
    const version = /^nginx:1\.(\d+)(?:\.(\d+))?-/.exec(String(lb.image));
    expect(version, String(lb.image)).not.toBeNull();
    const [minor, patch] = [Number(version![1]), Number(version![2] ?? 0)];
    expect(minor > 27 || (minor === 27 && patch >= 3)).toBe(true);
    expect((lb.volumes as string[]).some((v) => v.startsWith('./deploy/nginx.conf:'))).toBe(true);
    // The check asks nginx itself for a path it passes to the instances' /readyz.
    const test = (lb.healthcheck as { test: string[] }).test.join(' ');
    const url = /http:\/\/(?:127\.0\.0\.1|localhost)(?::80)?(\/\S*)/.exec(test);
    expect(url, test).not.toBeNull();
    expect(url![1]).toBe('/readyz');
    expect(proxiedTo(url![1]!)?.args[0]).toBe('quotes');
  });
});
