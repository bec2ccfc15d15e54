import type { Language } from '../corpus.ts';
import { messages } from '../messages.ts';
import type { Reply } from '../reply.ts';

export function helpReply(language: Language): Reply {
  const text = messages[language];
  return {
    kind: 'help',
    language,
    title: text.helpTitle,
    intro: text.helpIntro,
    sections: text.helpSections.map((section) => ({
      title: section.title,
      items: section.items.map(([usage, description]) => ({ usage, description })),
    })),
  };
}
