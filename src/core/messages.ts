import type { Problem } from './command.ts';
import type { Language, Origin } from './corpus.ts';

/** A query without the quotes it was typed in, so that an echo never doubles them. */
const unquote = (query: string) => query.trim().replace(/^["'“”«»\s]+|["'“”«»\s]+$/g, '');

/** A help section: what to type, and what it does. */
const section = (title: string, items: Array<[usage: string, description: string]>) => ({ title, items });

/** The reply vocabulary in English: the shape every language must fill. */
const en = {
  language: 'English',
  otherLanguage: 'French',
  /** Each language's name, as this language writes it. */
  languageNames: { en: 'English', fr: 'French' } as Record<Language, string>,
  origin: {
    delivered: 'delivered',
    official: 'official version',
    translation: 'translation',
    missing: 'not available yet',
  },
  deliveredIn: { en: 'delivered in English', fr: 'delivered in French' },
  counterpartMissing: 'A translation of this paragraph is not available yet.',
  source: {
    official: (language: Language) => `Official ${language === 'fr' ? 'French' : 'English'} version`,
    delivered: 'Text as delivered',
    taken: (date: string, _kind: 'official' | 'delivered') => `taken ${date}`,
    added: (by: string, at: string) => `Added from Slack by ${by}, ${at}`,
  },
  /** "Label: value", with the colon as each language writes it. */
  labelled: (label: string, value: string) => `${label}: ${value}`,
  passages: (n: number, estimated = false) =>
    n === 1 ? '1 passage' : `${estimated ? 'about ' : ''}${n.toLocaleString('en-CA')} passages`,
  resultsFor: 'Results for',
  noResults: (query: string) => `No passage matches “${unquote(query)}”.`,
  someWords: 'No passage has all of these words; these have some of them.',
  phraseNotFound: 'No passage has this exact phrase; these have all its words.',
  didYouMean: (words: string) => `Did you mean ${words}?`,
  relatedThemes: 'Related themes',
  tryHelp: 'Type `help` for examples.',
  overviewTitle: 'Quotes: what Canada said',
  overviewExamples: 'Try',
  overviewStatements: 'Statements loaded',
  overviewThemes: 'Themes',
  /** What to type for the whole paragraph; with several statements loaded, `in:` keeps its statement. */
  fullParagraph: (n: number, statement?: string) =>
    `Full paragraph: para ${n}${statement ? ` in:${statement}` : ''}`,
  moreResults: (n: number) => `${n} more`,
  /** A statement named in an answer: its short title, its date, and the id to type. */
  statementLine: (title: string, date: string, id: string) => `${title}, ${date} · in:${id}`,
  chosenNewest: (n: number) => `The newest statement with a ¶${n}.`,
  chosenConversation: 'The statement of this conversation.',
  alsoIn: 'Also in',
  noParagraphAnywhere: (n: number) => `No statement loaded has a ¶${n}.`,
  searchedFor: (query: string) => `Searched for “${unquote(query)}”`,
  /** What a query named (a year, an occasion, a speaker), whose statements come first. */
  preferred: (parts: string[]) => `Statements of ${parts.join(' · ')} first`,
  historyTitle: (query: string) => `“${unquote(query)}” over time`,
  historyCount: (n: number) => (n === 1 ? '1 statement' : `${n} statements, newest first`),
  historyNone: (query: string) => `No statement speaks of “${unquote(query)}”.`,
  historyButton: 'Over time',
  archiveThemesTitle: (n: number) => `Themes across ${n} statements`,
  statementsCount: (n: number) => (n === 1 ? '1 statement' : `${n} statements`),
  themeInNoStatement: 'No statement loaded speaks of this theme.',
  statementsFor: (filter: string, n: number) =>
    n === 1 ? `1 statement for “${filter}”` : `${n} statements for “${filter}”`,
  noStatementsFor: (filter: string) => `No statement matches “${filter}”. Type statements for the list.`,
  helpTitle: 'Find what Canada said',
  helpIntro:
    'Type words in French or English: I find the passages, each with its counterpart in the other language and a citation.',
  helpSections: [
    section('Search', [
      ['veto', 'passages about the veto'],
      ['operations de paix', 'French or English, accents optional; typos are forgiven'],
      ['"political divisiveness"', 'an exact phrase'],
      ['R2P, PSOPs, CSNU', 'UN acronyms and their French or English names'],
    ]),
    section('Paragraphs', [
      ['para 14  (or p14, ¶14, § 14, #14, paragraph 14)', 'one paragraph in both languages'],
      ['para 10-14  (or para 10 to 14, ¶10-14)', 'a run of paragraphs'],
    ]),
    section('Filters (add to any search)', [
      ['lang:fr  lang:en  (or a final fr / en)', 'the language to show first'],
      ['in:r2p', 'one statement, by id or a word of its title'],
      ['from:2016  to:2018', 'statements from or until a date'],
      ['¶10-14', 'only these paragraphs'],
    ]),
    section('Over time', [
      ['history veto', 'what each statement said of it, newest first'],
      ['un day 2019 climate, guterres ceasefire', 'a year, an occasion or a speaker picks the statement'],
    ]),
    section('Themes', [
      ['themes', 'the themes: of the archive, or of a statement with in:'],
      [
        'theme veto  (or theme peacekeepers, theme canada commitments)',
        'a short summary in both languages, with the key passages',
      ],
    ]),
    section('More', [
      ['statements  (or statements 2024, statements peace day)', 'the statements I know, by year'],
      ['help', 'this help (aide in French)'],
    ]),
  ],
  problem: (problem: Problem): string => {
    switch (problem.code) {
      case 'unknown-filter':
        return `"${problem.key}:" is not a filter I know. Filters: lang:, in:, from:, to:, ¶10-14.`;
      case 'bad-language':
        return `"lang:${problem.value}" is not a language I have: use lang:fr or lang:en.`;
      case 'bad-date':
        return `"${problem.key}:${problem.value}" is not a date: write a year such as ${problem.key}:2016, or 2016-09-06.`;
      case 'dates-reversed':
        return `from:${problem.from} comes after to:${problem.to}: swap them.`;
      case 'bad-range':
        return `"${problem.value}" is not a range of paragraphs: write it as ¶10-14.`;
      case 'missing-paragraph-number':
        return 'Which paragraph? Write its number, as in para 14.';
      case 'missing-theme':
        return 'Which theme? Write its name, as in theme veto.';
    }
  },
  noParagraph: (n: number, last: number, title: string) =>
    `There is no ¶${n} in ${title}: its paragraphs run from ¶1 to ¶${last}.`,
  noStatement: (value: string, known: string) =>
    `No statement matches "in:${value}". Known statements: ${known}.`,
  noStatementInDates: 'No statement falls within these dates.',
  emptyArchive:
    'No statement is loaded yet. To add one: an editor sends its files to the app in a direct message, or an operator imports the archive (npm run archive -- import).',
  statementsTitle: (n: number) => (n === 1 ? '1 statement loaded' : `${n} statements loaded`),
  paragraphsCount: (n: number) => (n === 1 ? '1 paragraph' : `${n} paragraphs`),
  loadedAt: (when: string) => `Loaded ${when}.`,
  skippedFiles: (files: readonly string[]) =>
    `Not loaded, so not answering: ${files.join(', ')} (the app's log says why).`,
  reloadFailed: (when: string, problem: string) =>
    `The last change to the data could not be loaded (${when}), so the statements above are the ones answering: ${problem}`,
  themesTitle: (title: string) => `Themes of ${title}`,
  relatedTitle: 'Passages related to this message',
  themeNotInStatement: 'This statement does not speak of this theme.',
  unknownTheme: (name: string) => `No theme matches "${name}".`,
  closestThemes: 'Closest themes',
  availableThemes: 'Themes',
  summaryExtract: 'extract from the statement',
  keyQuotes: 'Key passages',
  noThemes: 'No themes are defined: add them to data/themes.yml.',
};

/** Every word of the replies, in both languages; a missing or mistyped French entry fails to compile. */
export type Messages = typeof en;

const fr: Messages = {
  language: 'français',
  languageNames: { en: 'anglais', fr: 'français' },
  otherLanguage: 'anglais',
  origin: {
    delivered: 'prononcé',
    official: 'version officielle',
    translation: 'traduction',
    missing: 'pas encore disponible',
  },
  deliveredIn: { en: 'prononcé en anglais', fr: 'prononcé en français' },
  counterpartMissing: "La traduction de ce paragraphe n'est pas encore disponible.",
  source: {
    official: (language: Language) => `Version officielle ${language === 'fr' ? 'française' : 'anglaise'}`,
    delivered: 'Texte prononcé',
    taken: (date: string, kind: 'official' | 'delivered') =>
      `${kind === 'official' ? 'consultée' : 'consulté'} le ${date}`,
    added: (by: string, at: string) => `Ajoutée depuis Slack par ${by}, le ${at}`,
  },
  labelled: (label: string, value: string) => `${label}\u202f: ${value}`,
  passages: (n: number, estimated = false) =>
    n === 1 ? '1 passage' : `${estimated ? 'environ ' : ''}${n.toLocaleString('fr-CA')} passages`,
  resultsFor: 'Résultats pour',
  noResults: (query: string) => `Aucun passage ne correspond à «\u202f${unquote(query)}\u202f».`,
  someWords: 'Aucun passage ne contient tous ces mots\u202f; voici ceux qui en contiennent une partie.',
  phraseNotFound:
    'Aucun passage ne contient cette expression exacte\u202f; voici ceux qui en contiennent tous les mots.',
  didYouMean: (words: string) => `Vouliez-vous dire ${words}\u202f?`,
  relatedThemes: 'Thèmes associés',
  tryHelp: 'Tapez `aide` pour des exemples.',
  overviewTitle: 'Citations\u202f: ce que le Canada a dit',
  overviewExamples: 'Essayez',
  overviewStatements: 'Déclarations chargées',
  overviewThemes: 'Thèmes',
  fullParagraph: (n: number, statement?: string) =>
    `Paragraphe complet\u202f: para ${n}${statement ? ` in:${statement}` : ''}`,
  moreResults: (n: number) => `${n} de plus`,
  statementLine: (title: string, date: string, id: string) => `${title}, ${date} · in:${id}`,
  chosenNewest: (n: number) => `La déclaration la plus récente qui a un ¶${n}.`,
  chosenConversation: 'La déclaration de cette conversation.',
  alsoIn: 'Aussi dans',
  noParagraphAnywhere: (n: number) => `Aucune déclaration chargée n'a de ¶${n}.`,
  searchedFor: (query: string) => `Recherche\u202f: «\u202f${unquote(query)}\u202f»`,
  preferred: (parts: string[]) => `D'abord les déclarations\u202f: ${parts.join(' · ')}`,
  historyTitle: (query: string) => `«\u202f${unquote(query)}\u202f» au fil du temps`,
  historyCount: (n: number) =>
    n === 1 ? '1 déclaration' : `${n} déclarations, de la plus récente à la plus ancienne`,
  historyNone: (query: string) => `Aucune déclaration ne parle de «\u202f${unquote(query)}\u202f».`,
  historyButton: 'Au fil du temps',
  archiveThemesTitle: (n: number) => `Thèmes de ${n} déclarations`,
  statementsCount: (n: number) => (n === 1 ? '1 déclaration' : `${n} déclarations`),
  themeInNoStatement: "Aucune déclaration chargée n'aborde ce thème.",
  statementsFor: (filter: string, n: number) =>
    n === 1 ? `1 déclaration pour «\u202f${filter}\u202f»` : `${n} déclarations pour «\u202f${filter}\u202f»`,
  noStatementsFor: (filter: string) =>
    `Aucune déclaration ne correspond à «\u202f${filter}\u202f». Tapez déclarations pour la liste.`,
  helpTitle: 'Retrouver ce que le Canada a dit',
  helpIntro:
    "Tapez des mots en français ou en anglais\u202f: je trouve les passages, chacun avec son équivalent dans l'autre langue et une référence.",
  helpSections: [
    section('Recherche', [
      ['veto', 'les passages sur le veto'],
      [
        'operations de paix',
        'en français ou en anglais, avec ou sans accents\u202f; les fautes de frappe sont tolérées',
      ],
      ['"divisions politiques"', 'une expression exacte'],
      ['R2P, PSOP, CSNU', "les sigles de l'ONU et leurs noms en français ou en anglais"],
    ]),
    section('Paragraphes', [
      ['para 14  (ou p14, ¶14, § 14, #14, paragraphe 14)', 'un paragraphe dans les deux langues'],
      ['para 10-14  (ou para 10 à 14, ¶10-14)', 'une suite de paragraphes'],
    ]),
    section('Filtres (à ajouter à toute recherche)', [
      ['lang:fr  lang:en  (ou fr / en à la fin)', 'la langue à afficher en premier'],
      ['in:r2p', 'une déclaration, par son identifiant ou un mot de son titre'],
      ['from:2016  to:2018', "les déclarations depuis ou jusqu'à une date"],
      ['¶10-14', 'seulement ces paragraphes'],
    ]),
    section('Au fil du temps', [
      ['historique veto', 'ce que chaque déclaration en a dit, de la plus récente à la plus ancienne'],
      [
        'journée des nations unies 2019 climat, guterres cessez-le-feu',
        'une année, une occasion ou un orateur choisit la déclaration',
      ],
    ]),
    section('Thèmes', [
      ['thèmes', "les thèmes\u202f: de l'archive, ou d'une déclaration avec in:"],
      [
        'thème veto  (ou thème maintien de la paix, thème engagements du Canada)',
        'un court résumé dans les deux langues, avec les passages clés',
      ],
    ]),
    section('Autres commandes', [
      [
        'déclarations  (ou déclarations 2024, déclarations journée de la paix)',
        'les déclarations que je connais, par année',
      ],
      ['aide', 'cette aide (help en anglais)'],
    ]),
  ],
  problem: (problem: Problem): string => {
    switch (problem.code) {
      case 'unknown-filter':
        return `«\u202f${problem.key}:\u202f» n'est pas un filtre connu. Filtres\u202f: lang:, in:, from:, to:, ¶10-14.`;
      case 'bad-language':
        return `«\u202flang:${problem.value}\u202f» n'est pas une langue disponible\u202f: utilisez lang:fr ou lang:en.`;
      case 'bad-date':
        return `«\u202f${problem.key}:${problem.value}\u202f» n'est pas une date\u202f: écrivez une année comme ${problem.key}:2016, ou 2016-09-06.`;
      case 'dates-reversed':
        return `from:${problem.from} est postérieur à to:${problem.to}\u202f: inversez-les.`;
      case 'bad-range':
        return `«\u202f${problem.value}\u202f» n'est pas une suite de paragraphes\u202f: écrivez-la comme ¶10-14.`;
      case 'missing-paragraph-number':
        return 'Quel paragraphe\u202f? Indiquez son numéro, par exemple para 14.';
      case 'missing-theme':
        return 'Quel thème\u202f? Indiquez son nom, par exemple thème veto.';
    }
  },
  noParagraph: (n: number, last: number, title: string) =>
    `Il n'y a pas de ¶${n} dans «\u202f${title}\u202f»\u202f: ses paragraphes vont de ¶1 à ¶${last}.`,
  noStatement: (value: string, known: string) =>
    `Aucune déclaration ne correspond à «\u202fin:${value}\u202f». Déclarations connues\u202f: ${known}.`,
  noStatementInDates: "Aucune déclaration n'est comprise entre ces dates.",
  emptyArchive:
    "Aucune déclaration n'est encore chargée. Pour en ajouter une : un éditeur envoie ses fichiers à l'application en message direct, ou un administrateur importe l'archive (npm run archive -- import).",
  statementsTitle: (n: number) => (n === 1 ? '1 déclaration chargée' : `${n} déclarations chargées`),
  paragraphsCount: (n: number) => (n === 1 ? '1 paragraphe' : `${n} paragraphes`),
  loadedAt: (when: string) => `Chargées le ${when}.`,
  skippedFiles: (files: readonly string[]) =>
    `Non chargé, donc sans réponse\u202f: ${files.join(', ')} (le journal de l'application dit pourquoi).`,
  reloadFailed: (when: string, problem: string) =>
    `La dernière modification des données n'a pas pu être chargée (${when})\u202f; les déclarations ci-dessus sont celles qui répondent\u202f: ${problem}`,
  themesTitle: (title: string) => `Thèmes de «\u202f${title}\u202f»`,
  relatedTitle: 'Passages liés à ce message',
  themeNotInStatement: "Cette déclaration n'aborde pas ce thème.",
  unknownTheme: (name: string) => `Aucun thème ne correspond à «\u202f${name}\u202f».`,
  closestThemes: 'Thèmes les plus proches',
  availableThemes: 'Thèmes',
  summaryExtract: 'extrait de la déclaration',
  keyQuotes: 'Passages clés',
  noThemes: "Aucun thème n'est défini\u202f: ajoutez-en dans data/themes.yml.",
};

/** Every interface string, in both languages. Renderers and `answer` take their words from here. */
export const messages = { en, fr } satisfies Record<Language, Messages>;

/** The label of where a text comes from, in the reader's language. */
export const originLabel = (origin: Origin, language: Language) => messages[language].origin[origin];
