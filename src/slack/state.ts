import { z } from 'zod';
import { Language } from '../core/corpus.ts';
import { maxCommandLength } from '../core/input.ts';

/**
 * What a button needs to answer again, carried in its value (never in process memory,
 * since several instances may serve one app).
 */
export const ButtonState = z.strictObject({
  /** The command text, as typed (after markup and control characters were removed). */
  t: z.string().max(maxCommandLength),
  /** The language shown first. */
  l: Language,
  /** The interface language (/quote: en, /citation: fr). */
  i: Language,
  /** Results skipped. */
  o: z.number().int().min(0).max(10_000),
  /** Results per page. */
  n: z.number().int().min(1).max(10),
  /** 'related' for the message shortcut, whose text is searched as is. */
  m: z.enum(['command', 'related']).default('command'),
});
export type ButtonState = z.infer<typeof ButtonState>;

export const encodeState = (state: ButtonState) => JSON.stringify(state);

/** Reads a button value, or undefined when it is not one of ours. */
export function decodeState(value: string | undefined): ButtonState | undefined {
  if (!value) return undefined;
  try {
    const result = ButtonState.safeParse(JSON.parse(value));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
