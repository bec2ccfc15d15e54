import { describe, expect, it } from 'vitest';
import { answer } from '../../../src/core/answer.ts';
import { suggestedPrompts } from '../../../src/core/replies/prompts.ts';
import { seedKnowledge } from '../../support/knowledge.ts';

describe('the side panel’s suggested prompts', () => {
  it.each(['en', 'fr'] as const)(
    'are commands the app answers, in %s, four at most, each title short',
    async (language) => {
      const knowledge = await seedKnowledge();
      const prompts = suggestedPrompts(knowledge.themes, language);
      expect(prompts.length).toBeGreaterThanOrEqual(2);
      expect(prompts.length).toBeLessThanOrEqual(4);
      for (const prompt of prompts) {
        expect(prompt.title.length).toBeLessThanOrEqual(60);
        const reply = answer(prompt.message, knowledge);
        expect(reply.kind, prompt.message).not.toBe('error');
        expect(reply.kind, prompt.message).not.toBe('help');
        expect(reply.language).toBe(language);
      }
      // A theme of the archive, and how it was spoken of over time.
      expect(prompts.map((p) => answer(p.message, knowledge).kind)).toContain('history');
    },
  );

  it('offers the themes and the newest statements when the archive has no themes', () => {
    expect(suggestedPrompts([], 'fr').map((p) => p.message)).toEqual(['thèmes', 'déclarations']);
  });
});
