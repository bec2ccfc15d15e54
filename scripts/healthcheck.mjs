// The container's health check, in HTTP mode and in Socket Mode alike:
//   node scripts/healthcheck.mjs live    GET /livez: the process is up (the image's HEALTHCHECK)
//   node scripts/healthcheck.mjs ready   GET /readyz: the app can answer Slack
// on HEALTH_PORT, else PORT, else 3000 (where the app serves them). Exit 0 on 200; 1 on
// anything else or no answer within 2 s; 2 for an unknown argument.
const checks = { live: '/livez', ready: '/readyz' };
const which = process.argv[2] ?? 'live';
const path = checks[which];
if (!path) {
  process.stderr.write(`usage: node scripts/healthcheck.mjs [live|ready]\n`);
  process.exit(2);
}
const port = Number(process.env.HEALTH_PORT?.trim() || process.env.PORT?.trim()) || 3000;
try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
