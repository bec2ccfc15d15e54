// The container's health check: GET /healthz on this container's port. Exit 0 when the
// app can answer (200), 1 otherwise (503 while starting, a refused token, no answer in 2 s).
const port = Number(process.env.PORT) || 3000;
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
