/**
 * The ports: what the app needs from whatever keeps state outside the core. Each has an
 * in-process implementation (one instance, today's behaviour) and a real one for several
 * instances (Redis, PostgreSQL), chosen once from the configuration and passed in.
 * Every key is scoped by workspace (team or enterprise).
 */

/** The deliveries already answered, so that Slack's retries of one event get one reply. */
export interface DeliveryLog {
  /** True the first time a delivery (by any of its keys) is seen within the log's window. */
  firstTime(...keys: string[]): Promise<boolean>;
  close(): Promise<void>;
}

/** The per-user rate limit. */
export interface RateLimiter {
  /** Records a request under `key` (`rate:T…:U…`); false when over the limit. */
  allow(key: string): Promise<boolean>;
}

/** A signal that the archive changed somewhere, so that every instance reloads. */
export interface ChangeSignal {
  /** Calls `onChange` whenever the archive changed; returns how to stop listening. */
  subscribe(onChange: () => void): () => void;
  /** Tells every instance that the archive changed. */
  announce(): Promise<void>;
}

/**
 * What each conversation (a thread, a direct message) was last about: the statement of its
 * last answer, so that `para 3` there means that statement's ¶3. Forgotten after a day.
 */
export interface ConversationMemory {
  remember(key: string, statement: string): Promise<void>;
  /** The statement, or undefined when unknown, forgotten or out of reach (never throws). */
  recall(key: string): Promise<string | undefined>;
}

export type { ArchiveStore } from './archive.ts';
