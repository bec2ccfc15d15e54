import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A new, empty database on the test PostgreSQL, so that each test file starts from nothing. */
export async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `quotes_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
