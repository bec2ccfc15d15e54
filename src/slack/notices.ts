import type { Language } from '../core/language';

/** What the Slack app alone says: refusals, failures and the App Home's headings, in English. */
const en = {
  rateLimited: 'You have sent many requests in a short time. Please wait a moment, then try again.',
  unconfirmed:
    'Slack did not confirm that the answer was posted: it may not have been. If it does not appear in the thread, please ask again.',
  expired: 'This answer has expired. Please run the command again.',
  outdated: 'This button is from an older version of the app. Please run the command again.',
  failure:
    'Something went wrong on our side and this request was not answered. Please try again in a moment.',
  homeTitle: 'Quotes: what Canada said',
  homeExamples: 'Try',
  homeStatements: 'Statements loaded',
  homeThemes: 'Themes',
};

/** The Slack notices' shape; the French must fill it. */
export type Notices = typeof en;

const fr: Notices = {
  rateLimited:
    'Vous avez envoyé de nombreuses demandes en peu de temps. Veuillez patienter un instant, puis réessayer.',
  unconfirmed:
    "Slack n'a pas confirmé la publication de la réponse\u202f: elle n'a peut-être pas été publiée. Si elle n'apparaît pas dans le fil, veuillez reposer la question.",
  expired: 'Cette réponse a expiré. Veuillez relancer la commande.',
  outdated: "Ce bouton vient d'une version précédente de l'application. Veuillez relancer la commande.",
  failure:
    'Un problème de notre côté a empêché de répondre à cette demande. Veuillez réessayer dans un instant.',
  homeTitle: 'Citations\u202f: ce que le Canada a dit',
  homeExamples: 'Essayez',
  homeStatements: 'Déclarations chargées',
  homeThemes: 'Thèmes',
};

/** The Slack app's own notices, in both languages. */
export const notices = { en, fr } satisfies Record<Language, Notices>;
