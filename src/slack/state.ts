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
  /** The channel the answer may be posted to: the one a side-panel thread is beside. */
  c: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/)
    .optional(),
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

/**
 * What a Speaking notes button carries: the answer's state, to answer it again, and the
 * paragraph of its quote (`statement#n`), to find that quote in it.
 */
export const NotesState = ButtonState.extend({
  p: z
    .string()
    .max(1000)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*#[1-9][0-9]*$/),
});
export type NotesState = z.infer<typeof NotesState>;

/** Reads a Speaking notes button's value, or undefined when it is not one of ours. */
export function decodeNotesState(value: string | undefined): NotesState | undefined {
  if (!value) return undefined;
  try {
    const result = NotesState.safeParse(JSON.parse(value));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
