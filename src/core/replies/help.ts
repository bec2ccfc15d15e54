import type { Language } from '../corpus';
import { messages } from '../messages';
import type { Reply } from '../reply';

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
