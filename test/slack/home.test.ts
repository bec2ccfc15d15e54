import { describe, expect, it } from 'vitest';
import type { Statement } from '../../src/core/corpus.ts';
import { overviewReply } from '../../src/core/replies/overview.ts';
import type { Theme } from '../../src/core/themes/taxonomy.ts';
import { toHomeView } from '../../src/slack/home.ts';

const statements = [
  {
    id: 'canada-veto-2016-09-06',
    date: '2016-09-06',
    title: { en: 'On *veto* `restraint` <!channel>', fr: 'Sur le *veto* `retenue` <!channel>' },
    paragraphs: [],
  },
] as unknown as Statement[];
const themes = [
  {
    id: 'veto-restraint',
    label: { en: 'Veto_restraint', fr: 'Retenue_veto' },
    description: { en: 'Using ~the veto~ less', fr: 'Moins ~de veto~' },
  },
] as unknown as Theme[];

/** The mrkdwn texts of a Home view, block by block. */
const textsOf = (language: 'en' | 'fr') =>
  (
    toHomeView(overviewReply(statements, themes, language), { kind: 'off' }, 'Team <!here>').blocks as Array<{
      text?: { text: string };
      elements?: Array<{ text?: string }>;
    }>
  ).flatMap((block) => [
    block.text?.text ?? '',
    ...(block.elements ?? []).map((element) => element.text ?? ''),
  ]);

describe('the App Home', () => {
  it.each([
    ['en', 'Type `help` for examples.'],
    ['fr', 'Tapez `aide` pour des exemples.'],
  ] as const)('shows the help command as code (%s), never as look-alike characters', (language, line) => {
    const examples = textsOf(language).find((text) => text.includes('`/quote veto`'));
    expect(examples?.split('\n').at(-1)).toBe(line);
    expect(textsOf(language).join('\n')).not.toMatch(/ˋ(?:help|aide)ˋ/);
  });

  it('escapes what comes from the data and the workspace, so it formats nothing and pings no one', () => {
    const texts = textsOf('en').join('\n');
    expect(texts).toContain('On ∗veto∗ ˋrestraintˋ &lt;!channel&gt;');
    expect(texts).toContain('*Vetoˍrestraint*');
    expect(texts).toContain('Using ∼the veto∼ less');
    expect(texts).toContain('Installed in *Team &lt;!here&gt;*');
    expect(texts).not.toContain('<!');
  });
});
