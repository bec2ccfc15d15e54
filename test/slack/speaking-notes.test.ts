import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { notices } from '../../src/slack/notices.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge, seedStatementId } from '../support/knowledge.ts';
import { silentLogger } from '../support/logger.ts';
import { blockActions, slashCommand } from '../support/payloads.ts';
import { postForm, signingSecret } from '../support/slack-requests.ts';

let slack: FakeSlack;
let running: RunningSlackApp;
let knowledge: Knowledge;
let events: string;
let responseCount = 0;
const logger = silentLogger();

beforeAll(async () => {
  slack = await startFakeSlack();
  knowledge = await seedKnowledge();
  const config = parseSlackEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_APP_TOKEN: '',
    PORT: '0',
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '1000',
  });
  running = await startSlackApp({ config, knowledge: () => knowledge, retries: 0, logger });
  events = `http://127.0.0.1:${running.port}/slack/events`;
});

afterAll(async () => {
  await running?.stop();
  await slack?.close();
});

type Button = { action_id: string; value: string; text: { text: string } };
type Message = {
  response_type?: string;
  replace_original?: boolean;
  text: string;
  blocks: Array<{ type: string; block_id?: string; elements?: unknown[] }>;
};

const nextResponseUrl = () => slack.responseUrl(`notes${++responseCount}`);
const command = async (fields: Partial<Record<string, string>>) => {
  const res = await postForm(events, slashCommand({ response_url: nextResponseUrl(), ...fields }));
  expect(res.status).toBe(200);
  return (await res.json()) as Message;
};
/** The Speaking notes buttons under the first quote of an answer. */
const notesButtons = (message: Message) =>
  (message.blocks.find((block) => block.block_id === 'speaking_notes_0')?.elements ?? []) as Button[];

/** Presses a button as Slack sends it (signed block_actions), and returns every answer to its response_url. */
async function press(button: { action_id: string; value: string }) {
  const url = nextResponseUrl();
  const res = await postForm(events, { payload: JSON.stringify(blockActions(button, url)) });
  expect(res.status).toBe(200);
  const id = url.slice(url.lastIndexOf('/') + 1);
  const first = await slack.waitFor(() => slack.responses.find((response) => response.id === id));
  // Long enough for a second listener (the fallback's "outdated" note) to have answered too.
  await new Promise((resolve) => setTimeout(resolve, 150));
  const all = slack.responses.filter((response) => response.id === id).map((r) => r.body as Message);
  return { first: first.body as Message, all };
}

const notesBlock = (text: string) => [
  { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] },
];

const veto = {
  en: "That is why Canada supports both the ACT's Code of Conduct and the France-Mexico Political Declaration on suspension of the veto in situations involving mass atrocity crimes.",
  fr: "C'est pourquoi le Canada appuie à la fois le Code de conduite du Groupe ACT et la déclaration politique de la France et du Mexique sur la suspension du veto en cas d'atrocités criminelles de masse.",
  en14: 'Canada, UN General Assembly informal interactive dialogue on the Responsibility to Protect, New York, 6 September 2016, ¶14',
  fr14: "Canada, Dialogue interactif informel de l'Assemblée générale des Nations Unies sur la responsabilité de protéger, New York, 6 septembre 2016, ¶14",
};

describe('Speaking notes in Slack', () => {
  it('answers "Speaking notes + French" privately, in a new message holding only the plain text', async () => {
    const answer = await command({ text: 'veto' });
    const buttons = notesButtons(answer);
    expect(buttons.map((b) => b.text.text)).toEqual(['Speaking notes', 'Speaking notes + French']);
    const { first, all } = await press(buttons[1]!);
    const notes = `${veto.en}\n\n${veto.fr} (translation)\n\n${veto.en14}`;
    // Answered by its own listener alone: no other (the fallback for outdated buttons) took it up.
    expect(all).toHaveLength(1);
    expect(logger.lines.filter((line) => /unknown action|unhandled error/.test(line))).toEqual([]);
    expect(first.response_type).toBe('ephemeral');
    // A new message: the answer stays where it was.
    expect(first.replace_original).toBe(false);
    expect(first.blocks).toEqual(notesBlock(notes));
    expect(first.text).toBe(notes);
  });

  it('answers "Speaking notes" with the quote and its citation only', async () => {
    const { first } = await press(notesButtons(await command({ text: 'veto' }))[0]!);
    expect(first.blocks).toEqual(notesBlock(`${veto.en}\n\n${veto.en14}`));
  });

  it('gives /citation’s notes in French, the translation shown first marked as one, with the French citation', async () => {
    const buttons = notesButtons(await command({ command: '/citation', text: 'veto' }));
    expect(buttons.map((b) => b.text.text)).toEqual(['Notes d’allocution', 'Notes d’allocution + anglais']);
    expect((await press(buttons[0]!)).first.blocks).toEqual(
      notesBlock(`${veto.fr} (traduction)\n\n${veto.fr14}`),
    );
    expect((await press(buttons[1]!)).first.blocks).toEqual(
      notesBlock(`${veto.fr} (traduction)\n\n${veto.en}\n\n${veto.fr14}`),
    );
  });

  it('gives the notes of a quote from the answer it was under, after the language was swapped', async () => {
    const answer = await command({ text: 'veto' });
    const swap = (
      answer.blocks.find((block) => block.block_id === 'answer_actions')!.elements as Button[]
    ).find((b) => b.action_id === 'swap_language')!;
    const swapped = (await press(swap)).first;
    const { first } = await press(notesButtons(swapped)[0]!);
    // Swapped to French, the answer is in French: its quote, its marks and its citation.
    expect(first.blocks).toEqual(notesBlock(`${veto.fr} (traduction)\n\n${veto.fr14}`));
  });

  it('never guesses: a quote no longer in the answer, or a value not ours, gets a short private note', async () => {
    const [button] = notesButtons(await command({ text: 'veto' }));
    const gone = {
      ...button!,
      value: button!.value.replace(`${seedStatementId}#14`, `${seedStatementId}#3`),
    };
    const stale = await press(gone);
    expect(stale.all).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: notices.en.expired },
    ]);
    const foreign = await press({ action_id: 'speaking_notes', value: '{"t":"veto"}' });
    expect(foreign.all).toEqual([
      { response_type: 'ephemeral', replace_original: false, text: notices.en.failure },
    ]);
  });
});
