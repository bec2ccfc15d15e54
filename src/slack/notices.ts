import type { Assumption, IngestProblem, MetadataField } from '../core/ingest/build-statement.ts';
import type { Doubt } from '../core/ingest/document.ts';
import { either, formatNames } from '../core/ingest/formats/index.ts';
import type { Language } from '../core/language.ts';
import { messages } from '../core/messages.ts';

const languageName: Record<Language, Record<Language, string>> = {
  en: messages.en.languageNames,
  fr: messages.fr.languageNames,
};
const fieldName: Record<Language, Record<MetadataField, string>> = {
  en: {
    title: 'Title',
    forum: 'Forum',
    place: 'Place',
    speaker: 'Speaker',
    role: 'Role',
    country: 'Country',
  },
  fr: {
    title: 'Titre',
    forum: 'Instance',
    place: 'Lieu',
    speaker: 'Orateur',
    role: 'Fonction',
    country: 'Pays',
  },
};

/** What the Slack app alone says: refusals, failures and adding statements, in English. */
const en = {
  rateLimited: 'You have sent many requests in a short time. Please wait a moment, then try again.',
  unconfirmed:
    'Slack did not confirm that the answer was posted: it may not have been. If it does not appear in the thread, please ask again.',
  expired: 'This answer has expired. Please run the command again.',
  outdated: 'This button is from an older version of the app. Please run the command again.',
  installedIn: (workspace: string) => `Installed in *${workspace}*`,
  postedTo: (channel: string) => `Posted in <#${channel}>.`,
  notInChannel: (channel: string) =>
    `I can’t post in <#${channel}>: invite me there first (\`/invite @Quotes\`), then try again.`,
  panelGreeting:
    'Ask me what Canada said, in English or French: a few words, `para 14`, `themes`, `history veto`. I answer here, beside your conversation.',
  panelBeside: (channel: string) =>
    `Answers can be posted in <#${channel}>, the channel you are viewing, with *Post to the channel I’m viewing*.`,
  panelPromptsTitle: 'Try one of these',
  panelLooking: 'is looking through the statements…',
  failure:
    'Something went wrong on our side and this request was not answered. Please try again in a moment.',
  /** A link to a statement of the archive, as Slack shows it under the message. */
  unfurl: {
    paragraphs: (n: number) => (n === 1 ? '1 paragraph' : `${n} paragraphs`),
    quoteFromIt: 'Quote from it',
    gone: 'This statement is no longer in the archive.',
  },

  archive: {
    addButton: 'Add a statement',
    moved: 'This review continues below, with both versions.',
    joined: (language: Language) =>
      `The ${languageName.en[language]} version you sent since joined this review: check the pairs below.`,
    otherVersion: 'Add the other version',
    otherVersionTitle: 'The other version',
    otherVersionLabel: (language: Language) => `The ${languageName.en[language]} file`,
    otherVersionHint: 'It joins this review, which then shows both versions side by side.',
    otherVersionSubmit: 'Add to the review',
    half: (title: string, id: string, language: Language, by: string | undefined) =>
      `This looks like the other version of *${title}* (\`${id}\`), in the archive in ${languageName.en[language]} only${by ? `, added by ${by}` : ''}.`,
    halfMay:
      'Complete it with this version: its paragraphs get their counterparts, and it stays one statement.',
    halfAsk: (by: string) =>
      `Only ${by}, who added it, can complete or replace it: ask them, or send them the file.`,
    halfNotSlack: 'It was not added from Slack: complete it with the ingest in a terminal (`--update`).',
    duplicateHalf: (title: string, id: string, language: Language) =>
      `*${title}* (\`${id}\`) is in the archive in ${languageName.en[language]} only: this review can complete it with both versions, or replace it.`,
    complete: 'Complete it',
    replace: 'Replace it',
    targetUpdate: (id: string) =>
      `Add completes \`${id}\` with both versions, keeping what was set by hand in it.`,
    targetReplace: (id: string) => `Add replaces \`${id}\` whole with this review.`,
    alone: (title: string, id: string, language: Language) =>
      `The ${languageName.en[language]} version is also in the archive on its own: *${title}* (\`${id}\`). Once this is added, remove it, so that it is not found twice.`,
    removeAlone: 'Remove it',
    targetChanged:
      'The statement this review was to complete or replace has changed, is gone, or is not yours to change: nothing was done.',
    wouldLose:
      'Completing it would lose counterparts or themes set by hand in paragraphs this version does not have: nothing was done. The ingest in a terminal (`--update`) lists them.',
    noHalf: 'There is no statement in one language left for this review to complete: nothing was done.',
    homeEditor: `Send me a statement in a direct message: its English and French files (${either(formatNames('en', 'short'), 'en')}), in one message or two, or one file in one or both languages. I show what I read, and nothing is searchable until you press Add.`,
    homeViewer: (editors: string) => `Statements are added to the archive by its editors: ${editors}.`,
    homeOff: 'Adding statements from Slack is off: no editors are set (ARCHIVE_EDITORS).',
    notEditor: (editors: string) =>
      `Only the archive’s editors can add statements: ${editors}. Please send the files to one of them. Your files were not read.`,
    off: 'Adding statements from Slack is off in this workspace: no editors are set. Your files were not read.',
    tooManyFiles: (n: number) =>
      `Please send one file (a statement in one or both languages) or two (its English and French versions), not ${n}.`,
    reading: (names: string) => `Reading ${names}…`,
    queued: (position: number) =>
      position === 1
        ? 'Other files are being read: yours is next.'
        : `Other files are being read: yours is number ${position} in line.`,
    file: {
      too_large: (name: string, size: string, limit: string) =>
        `${name} is ${size}: statements are read up to ${limit}. Please send a smaller file.`,
      unknown_format: (name: string) => `${name} is not ${either(formatNames('en', 'one'), 'en')}.`,
      corrupt: (name: string) =>
        `${name} is damaged: it could not be read. Please save it again and resend it.`,
      encrypted: (name: string) =>
        `${name} is protected by a password or saved in an old format (.doc): save it as .docx without a password and resend it.`,
      zip_bomb: (name: string) => `${name} expands far beyond any statement: it was not read.`,
      too_complex: (name: string) =>
        `${name} needs far more memory to read than any statement (it is nested too deeply, or huge once opened): it was not read. Please save it again in a simpler form.`,
      timeout: (name: string) => `${name} took too long to read: it may be damaged.`,
      empty: (name: string) =>
        `${name} has no text I can read (a scanned PDF?). Please send a file with text.`,
      login_page: (name: string) =>
        `Slack sent a sign-in page instead of ${name}: the app may be missing its files:read permission. Please ask your Slack admin to reinstall it.`,
      unavailable: (name: string) =>
        `${name} could not be downloaded from Slack. Please try again in a moment.`,
      missing: (name: string) => `${name} is no longer available in Slack.`,
      external: (name: string) =>
        `${name} is a link to a file kept outside Slack (Google Drive, Box…): I never follow such links with the app's key. Please download the file and send the file itself.`,
    },
    problem: (problem: IngestProblem): string => {
      switch (problem.kind) {
        case 'no_paragraphs':
          return 'I found no paragraphs after the title block.';
        case 'wrong_language':
        case 'same_language':
          return `Both files read as ${problem.kind === 'same_language' ? languageName.en[problem.language] : languageName.en[problem.reads]}: please send the English and the French versions.`;
        case 'no_date':
          if (problem.month)
            return `Only the month is given (${problem.month}): add the day under the title and send the file again, or use Add a statement in the App Home and give the date there.`;
          return 'I found no date in the title block. Add it under the title (for example “New York, 6 September 2016”) and send the file again, or use Add a statement in the App Home and give the date there.';
        case 'no_title':
          return 'I found no title at the top of the file. Add it and send the file again.';
        case 'too_many_paragraphs':
          return `The English version has ${problem.en.toLocaleString('en-CA')} paragraphs and the French version ${problem.fr.toLocaleString('en-CA')}: I can align at most ${problem.limit.toLocaleString('en-CA')} a version, so the statement was not added. Please check that each file holds one statement.`;
      }
    },
    reviewTitle: 'Check before adding',
    version: (language: Language) => `${languageName.en[language]} version`,
    title: 'Title',
    date: 'Date',
    place: 'Place',
    speaker: 'Speaker',
    notFound: '(not found)',
    notSent: (sent: Language) =>
      `Not sent yet: the ${languageName.en[sent]} details stand in for it until someone gives its own (Edit details).`,
    copiedFrom: (from: Language) => `not in this version; copied from the ${languageName.en[from]}`,
    fromDelivered: 'from the text as delivered',
    nothingInVersion: 'nothing in this version',
    files: 'Files',
    links: 'Public links',
    counts: (en: number, fr: number, pairs: number) =>
      `${en} English and ${fr} French paragraphs → ${pairs} pairs`,
    single: (n: number, fr: number, en: number) =>
      `${n} paragraphs (${fr} in French, ${en} in English); their counterparts are missing until someone adds them`,
    flagged: (n: number) => `Pairs to check (${n})`,
    noneFlagged: 'No pair flagged for review.',
    moreFlagged: (n: number) => `…and ${n} more to check in the file once added.`,
    shownAbove: (paragraphs: readonly number[]) =>
      `Shown above: ${paragraphs.map((n) => `¶${n}`).join(', ')}.`,
    citations: 'Citations, as answers will give them',
    assumed: 'Assumed (change it with Edit details)',
    noted: 'Noted',
    toConfirm: 'Please confirm before adding (or correct it with Edit details)',
    doubt: (d: Doubt): string => {
      const field = d.field === 'title' ? 'Title' : 'Date';
      const chosen = d.chosen ? ` “${d.chosen}”` : '';
      const others =
        d.candidates.length > 0 ? ` Also found: ${d.candidates.map((c) => `“${c.value}”`).join(', ')}.` : '';
      switch (d.kind) {
        case 'languages_disagree':
          return `${field}${chosen}: the two versions disagree.${others}`;
        case 'month_only':
          return `${field}${chosen}: only the month is given; give the day.${others}`;
        case 'none_found':
          return `${field}: not found in the document.${others}`;
        default:
          return `${field}${chosen}: not sure it is right.${others}`;
      }
    },
    confirmAdd: {
      title: 'Add as shown?',
      text: (fields: ReadonlyArray<Doubt['field']>) =>
        `Not sure of the ${fields.join(' and ')} read from the files. Add the statement as shown?`,
      confirm: 'Add',
      deny: 'Cancel',
    },
    assumption: (a: Assumption): string => {
      switch (a.kind) {
        case 'from_delivered':
          return `${fieldName.en[a.field]}: the same in both languages.`;
        case 'copied':
          return `${fieldName.en[a.field]}: not given in ${languageName.en[a.language]}; copied from the other version.`;
        case 'left_out':
          return `${fieldName.en[a.field]}: not found in the title block; left out.`;
        case 'forum_is_title':
          return 'Forum: the title.';
        case 'country':
          return `Country: ${a.country}.`;
        case 'notes':
          return `Notes taken out of the text and recorded: ${a.notes.map((n) => `“${n}”`).join(', ')}.`;
        case 'delivered_language':
          return `Delivered in ${languageName.en[a.language]} (no text as delivered was sent).`;
        case 'id_taken':
          return `Id: ${a.taken} belongs to another statement; this one will be ${a.id}.`;
        case 'delivered_wording':
          return `${a.paragraphs.map((n) => `¶${n}`).join(', ')}: said otherwise than the official version; the words as delivered are kept.`;
      }
    },
    duplicate: (title: string, id: string) =>
      `Already in the archive: *${title}* (\`${id}\`). It will not be added twice.`,
    pending: (expires: string) =>
      `Nothing is searchable until you press Add to the archive. This review expires ${expires}.`,
    add: 'Add to the archive',
    edit: 'Edit details',
    discard: 'Discard',
    remove: 'Remove from the archive',
    confirmRemove: {
      title: 'Remove this statement?',
      text: 'Delegates will no longer find its quotes. Its file is kept, so it can be restored.',
      confirm: 'Remove',
      deny: 'Cancel',
    },
    added: (by: string, at: string, id: string) =>
      `Added to the archive by ${by}, ${at}, as \`${id}\`. Delegates can find it now: \`/quote in:${id}\`.`,
    addedTitle: 'Added to the archive',
    removed: (by: string, at: string) => `Removed from the archive by ${by}, ${at}. Its file is kept.`,
    discarded: (by: string, at: string) => `Discarded by ${by}, ${at}: nothing was added.`,
    alreadyAdded: (by: string, at: string, id: string | undefined) =>
      `Already added, by ${by}, ${at}${id ? `, as \`${id}\`` : ''}: nothing more to do.`,
    expired: 'This review expired after 24 hours: nothing was added. Send the files again to start over.',
    gone: 'This review is no longer open: it was added, discarded or has expired.',
    busy: 'This review is being added already: its result appears in it in a moment.',
    changed:
      'This review changed meanwhile (edited, added or discarded by someone else): nothing was done. Check it again, then decide.',
    unreachable:
      'The archive did not answer, so nothing changed: the review stays open. Please try again in a minute.',
    alignment:
      'The two versions could not be paired (they took too long, or far too much memory): nothing was added. Please check that both files are the same statement.',
    notKept:
      'The archive did not answer, so your files could not be kept for review. Please send them again in a minute.',
    unreachableRemove: 'The archive did not answer, so nothing was removed. Please try again in a minute.',
    statementTooLarge: (size: string, limit: string) =>
      `Written as a statement file, this would be ${size}, over the ${limit} a statement file may be: nothing was added. Split it into several statements, or ask whoever runs the app to raise the limit.`,
    notYours: 'Only the editor who added this statement can remove it.',
    removeMissing: 'This statement is no longer in the archive.',
    removeChanged: 'This statement’s file has changed since it was added, so it was not removed.',
    unreadableId: (id: string) =>
      `A file named ${id}.yml is in the archive but does not load, so nothing was written. Please ask whoever keeps the data to fix it.`,
    failed: 'Something went wrong and nothing was added. Please try again in a moment.',
    modal: {
      editTitle: 'Edit details',
      addTitle: 'Add a statement',
      save: 'Update review',
      read: 'Read the files',
      cancel: 'Cancel',
      titleIn: (language: Language) => `Title (${languageName.en[language]})`,
      placeIn: (language: Language) => `Place (${languageName.en[language]})`,
      forumIn: (language: Language) => `Forum (${languageName.en[language]})`,
      speakerIn: (language: Language) => `Speaker (${languageName.en[language]})`,
      roleIn: (language: Language) => `Role (${languageName.en[language]})`,
      countryIn: (language: Language) => `Country (${languageName.en[language]})`,
      forumHint: 'The meeting or body it was delivered at, such as “UN Security Council”.',
      roleHint: 'Such as “Permanent Representative of Canada to the United Nations”.',
      countryHint: 'The country the statement speaks for.',
      date: 'Date',
      deliveredIn: 'Delivered in',
      languageName: (language: Language) => languageName.en[language],
      fileIn: (language: Language) => `${languageName.en[language]} version`,
      filesHint: `One file in one or both languages, or the English and French versions: ${either(formatNames('en', 'short'), 'en')}.`,
      optionalHint: 'Leave empty to use what the documents say.',
      noFile: 'Attach at least one file.',
      tooLong: (max: number) => `Please keep it under ${max} characters.`,
      badDate: 'Please pick a date.',
      noLetters: 'Please write it in words, not only digits or signs.',
      invalid: 'These details do not make a valid statement: please check them.',
    },
  },
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
  installedIn: (workspace: string) => `Installée dans *${workspace}*`,
  postedTo: (channel: string) => `Publié dans <#${channel}>.`,
  notInChannel: (channel: string) =>
    `Je ne peux pas publier dans <#${channel}>\u202f: invitez-moi d’abord dans ce canal (\`/invite @Quotes\`), puis réessayez.`,
  panelGreeting:
    'Demandez-moi ce que le Canada a dit, en français ou en anglais\u202f: quelques mots, `para 14`, `thèmes`, `historique veto`. Je réponds ici, à côté de votre conversation.',
  panelBeside: (channel: string) =>
    `Les réponses peuvent être publiées dans <#${channel}>, le canal affiché, avec *Publier dans le canal affiché*.`,
  panelPromptsTitle: 'Essayez l’une de ces questions',
  panelLooking: 'cherche dans les déclarations…',
  failure:
    'Un problème de notre côté a empêché de répondre à cette demande. Veuillez réessayer dans un instant.',
  unfurl: {
    paragraphs: (n: number) => (n <= 1 ? `${n} paragraphe` : `${n} paragraphes`),
    quoteFromIt: 'En citer',
    gone: 'Cette déclaration n’est plus dans les archives.',
  },

  archive: {
    addButton: 'Ajouter une déclaration',
    moved: 'Cette vérification continue plus bas, avec les deux versions.',
    joined: (language: Language) =>
      `La version ${language === 'fr' ? 'française' : 'anglaise'} envoyée depuis a rejoint cette vérification\u202f: vérifiez les paires ci-dessous.`,
    otherVersion: 'Ajouter l’autre version',
    otherVersionTitle: 'L’autre version',
    otherVersionLabel: (language: Language) => `Le fichier ${languageName.fr[language]}`,
    otherVersionHint: 'Il rejoint cette vérification, qui montre alors les deux versions côte à côte.',
    otherVersionSubmit: 'Ajouter',
    half: (title: string, id: string, language: Language, by: string | undefined) =>
      `Ceci semble être l’autre version de *${title}* (\`${id}\`), aux archives en ${languageName.fr[language]} seulement${by ? `, ajoutée par ${by}` : ''}.`,
    halfMay:
      'Complétez-la avec cette version\u202f: ses paragraphes reçoivent leurs équivalents, et elle reste une seule déclaration.',
    halfAsk: (by: string) =>
      `Seul ${by}, qui l’a ajoutée, peut la compléter ou la remplacer\u202f: demandez-le-lui, ou envoyez-lui le fichier.`,
    halfNotSlack:
      'Elle n’a pas été ajoutée depuis Slack\u202f: complétez-la avec l’ingestion dans un terminal (`--update`).',
    duplicateHalf: (title: string, id: string, language: Language) =>
      `*${title}* (\`${id}\`) est aux archives en ${languageName.fr[language]} seulement\u202f: cette vérification peut la compléter avec les deux versions, ou la remplacer.`,
    complete: 'La compléter',
    replace: 'La remplacer',
    targetUpdate: (id: string) =>
      `Ajouter complète \`${id}\` avec les deux versions, en gardant ce qui y a été fait à la main.`,
    targetReplace: (id: string) => `Ajouter remplace \`${id}\` en entier par cette vérification.`,
    alone: (title: string, id: string, language: Language) =>
      `La version ${language === 'fr' ? 'française' : 'anglaise'} est aussi aux archives à part\u202f: *${title}* (\`${id}\`). Une fois celle-ci ajoutée, retirez-la, pour qu’elle ne soit pas trouvée deux fois.`,
    removeAlone: 'La retirer',
    targetChanged:
      'La déclaration que cette vérification devait compléter ou remplacer a changé, n’existe plus, ou ne vous revient pas\u202f: rien n’a été fait.',
    wouldLose:
      'La compléter ferait perdre des équivalents ou des thèmes faits à la main dans des paragraphes que cette version n’a pas\u202f: rien n’a été fait. L’ingestion dans un terminal (`--update`) les énumère.',
    noHalf:
      'Il n’y a plus de déclaration dans une seule langue que cette vérification pourrait compléter\u202f: rien n’a été fait.',
    homeEditor: `Envoyez-moi une déclaration en message direct\u202f: ses fichiers anglais et français (${either(formatNames('fr', 'short'), 'fr')}), en un message ou deux, ou un seul fichier dans une langue ou les deux. Je montre ce que j’ai lu, et rien n’est cherchable avant que vous n’appuyiez sur Ajouter.`,
    homeViewer: (editors: string) =>
      `Les déclarations sont ajoutées aux archives par leurs responsables\u202f: ${editors}.`,
    homeOff:
      'L’ajout de déclarations depuis Slack est désactivé\u202f: aucun responsable n’est désigné (ARCHIVE_EDITORS).',
    notEditor: (editors: string) =>
      `Seuls les responsables des archives peuvent ajouter des déclarations\u202f: ${editors}. Veuillez leur envoyer les fichiers. Vos fichiers n’ont pas été lus.`,
    off: 'L’ajout de déclarations depuis Slack est désactivé dans cet espace de travail\u202f: aucun responsable n’est désigné. Vos fichiers n’ont pas été lus.',
    tooManyFiles: (n: number) =>
      `Veuillez envoyer un fichier (une déclaration dans une langue ou les deux) ou deux (ses versions anglaise et française), pas ${n}.`,
    reading: (names: string) => `Lecture de ${names}…`,
    queued: (position: number) =>
      position === 1
        ? 'D’autres fichiers sont en cours de lecture\u202f: le vôtre est le prochain.'
        : `D’autres fichiers sont en cours de lecture\u202f: le vôtre est ${position}e dans la file d’attente.`,
    file: {
      too_large: (name: string, size: string, limit: string) =>
        `${name} pèse ${size}\u202f: les déclarations sont lues jusqu’à ${limit}. Veuillez envoyer un fichier plus petit.`,
      unknown_format: (name: string) =>
        `${name} n’est ${formatNames('fr', 'one')
          .map((one) => `ni ${one}`)
          .join(', ')}.`,
      corrupt: (name: string) =>
        `${name} est endommagé\u202f: il n’a pas pu être lu. Veuillez l’enregistrer de nouveau et le renvoyer.`,
      encrypted: (name: string) =>
        `${name} est protégé par un mot de passe ou enregistré dans un ancien format (.doc)\u202f: enregistrez-le en .docx sans mot de passe et renvoyez-le.`,
      zip_bomb: (name: string) =>
        `${name} se décompresse bien au-delà de toute déclaration\u202f: il n’a pas été lu.`,
      too_complex: (name: string) =>
        `${name} demande bien plus de mémoire à lire que toute déclaration (imbrication trop profonde, ou énorme une fois ouvert)\u202f: il n’a pas été lu. Veuillez l’enregistrer de nouveau sous une forme plus simple.`,
      timeout: (name: string) =>
        `La lecture de ${name} a pris trop de temps\u202f: il est peut-être endommagé.`,
      empty: (name: string) =>
        `${name} ne contient aucun texte lisible (un PDF numérisé\u202f?). Veuillez envoyer un fichier avec du texte.`,
      login_page: (name: string) =>
        `Slack a renvoyé une page de connexion au lieu de ${name}\u202f: il manque peut-être à l’application l’autorisation files:read. Veuillez demander à l’administrateur Slack de la réinstaller.`,
      unavailable: (name: string) =>
        `${name} n’a pas pu être téléchargé depuis Slack. Veuillez réessayer dans un instant.`,
      missing: (name: string) => `${name} n’est plus disponible dans Slack.`,
      external: (name: string) =>
        `${name} est un lien vers un fichier conservé hors de Slack (Google Drive, Box…)\u202f: je ne suis jamais ces liens avec la clé de l’application. Veuillez télécharger le fichier et envoyer le fichier lui-même.`,
    },
    problem: (problem: IngestProblem): string => {
      switch (problem.kind) {
        case 'no_paragraphs':
          return 'Je n’ai trouvé aucun paragraphe après le bloc de titre.';
        case 'wrong_language':
        case 'same_language':
          return `Les deux fichiers sont en ${problem.kind === 'same_language' ? languageName.fr[problem.language] : languageName.fr[problem.reads]}\u202f: veuillez envoyer la version anglaise et la version française.`;
        case 'no_date':
          if (problem.month)
            return `Seul le mois est donné (${problem.month})\u202f: ajoutez le jour sous le titre et renvoyez le fichier, ou utilisez Ajouter une déclaration dans l’onglet Accueil pour indiquer la date.`;
          return 'Je n’ai trouvé aucune date dans le bloc de titre. Ajoutez-la sous le titre (par exemple «\u202fNew York, le 6 septembre 2016\u202f») et renvoyez le fichier, ou utilisez Ajouter une déclaration dans l’onglet Accueil pour indiquer la date.';
        case 'no_title':
          return 'Je n’ai trouvé aucun titre en haut du fichier. Ajoutez-le et renvoyez le fichier.';
        case 'too_many_paragraphs':
          return `La version anglaise compte ${problem.en.toLocaleString('fr-CA')} paragraphes et la version française ${problem.fr.toLocaleString('fr-CA')}\u202f: je peux en aligner au plus ${problem.limit.toLocaleString('fr-CA')} par version, la déclaration n’a donc pas été ajoutée. Veuillez vérifier que chaque fichier contient une seule déclaration.`;
      }
    },
    reviewTitle: 'À vérifier avant l’ajout',
    version: (language: Language) => `Version ${language === 'fr' ? 'française' : 'anglaise'}`,
    title: 'Titre',
    date: 'Date',
    place: 'Lieu',
    speaker: 'Orateur',
    notFound: '(introuvable)',
    notSent: (sent: Language) =>
      `Pas encore envoyée\u202f: les renseignements de la version ${sent === 'fr' ? 'française' : 'anglaise'} en tiennent lieu jusqu’à ce que quelqu’un donne les siens (Modifier).`,
    copiedFrom: (from: Language) =>
      `absent de cette version\u202f; repris de la version ${from === 'fr' ? 'française' : 'anglaise'}`,
    fromDelivered: 'tiré du texte prononcé',
    nothingInVersion: 'rien dans cette version',
    files: 'Fichiers',
    links: 'Liens publics',
    counts: (en: number, fr: number, pairs: number) =>
      `${en} paragraphes anglais et ${fr} paragraphes français → ${pairs} paires`,
    single: (n: number, fr: number, en: number) =>
      `${n} paragraphes (${fr} en français, ${en} en anglais)\u202f; leurs équivalents manquent jusqu’à ce que quelqu’un les ajoute`,
    flagged: (n: number) => `Paires à vérifier (${n})`,
    noneFlagged: 'Aucune paire signalée.',
    moreFlagged: (n: number) => `…et ${n} autres à vérifier dans le fichier une fois ajouté.`,
    shownAbove: (paragraphs: readonly number[]) =>
      `Affichées plus haut\u202f: ${paragraphs.map((n) => `¶${n}`).join(', ')}.`,
    citations: 'Références, telles que les réponses les donneront',
    assumed: 'Supposé (à corriger avec Modifier)',
    noted: 'À noter',
    toConfirm: 'À confirmer avant l’ajout (ou à corriger avec Modifier)',
    doubt: (d: Doubt): string => {
      const field = d.field === 'title' ? 'Titre' : 'Date';
      const chosen = d.chosen ? ` «\u202f${d.chosen}\u202f»` : '';
      const others =
        d.candidates.length > 0
          ? ` Aussi trouvé\u202f: ${d.candidates.map((c) => `«\u202f${c.value}\u202f»`).join(', ')}.`
          : '';
      switch (d.kind) {
        case 'languages_disagree':
          return `${field}${chosen}\u202f: les deux versions divergent.${others}`;
        case 'month_only':
          return `${field}${chosen}\u202f: seul le mois est donné\u202f; précisez le jour.${others}`;
        case 'none_found':
          return `${field}\u202f: introuvable dans le document.${others}`;
        default:
          return `${field}${chosen}\u202f: pas certain.${others}`;
      }
    },
    confirmAdd: {
      title: 'Ajouter ainsi\u202f?',
      text: (fields: ReadonlyArray<Doubt['field']>) =>
        `Doute sur ${fields.map((f) => (f === 'title' ? 'le titre' : 'la date')).join(' et ')} tirés des fichiers. Ajouter la déclaration telle qu’affichée\u202f?`,
      confirm: 'Ajouter',
      deny: 'Annuler',
    },
    assumption: (a: Assumption): string => {
      switch (a.kind) {
        case 'from_delivered':
          return `${fieldName.fr[a.field]}\u202f: le même dans les deux langues.`;
        case 'copied':
          return `${fieldName.fr[a.field]}\u202f: absent en ${languageName.fr[a.language]}\u202f; repris de l’autre version.`;
        case 'left_out':
          return `${fieldName.fr[a.field]}\u202f: absent du bloc de titre\u202f; laissé de côté.`;
        case 'forum_is_title':
          return 'Instance\u202f: le titre.';
        case 'country':
          return `Pays\u202f: ${a.country}.`;
        case 'notes':
          return `Notes retirées du texte et conservées\u202f: ${a.notes.map((n) => `«\u202f${n}\u202f»`).join(', ')}.`;
        case 'delivered_language':
          return `Prononcé en ${languageName.fr[a.language]} (aucun texte prononcé n’a été envoyé).`;
        case 'id_taken':
          return `Identifiant\u202f: ${a.taken} appartient à une autre déclaration\u202f; celle-ci sera ${a.id}.`;
        case 'delivered_wording':
          return `${a.paragraphs.map((n) => `¶${n}`).join(', ')}\u202f: dit autrement que la version officielle\u202f; les mots prononcés sont gardés.`;
      }
    },
    duplicate: (title: string, id: string) =>
      `Déjà dans les archives\u202f: *${title}* (\`${id}\`). Elle ne sera pas ajoutée deux fois.`,
    pending: (expires: string) =>
      `Rien n’est cherchable avant que vous n’appuyiez sur Ajouter aux archives. Fin de cette vérification\u202f: ${expires}.`,
    add: 'Ajouter aux archives',
    edit: 'Modifier',
    discard: 'Abandonner',
    remove: 'Retirer des archives',
    confirmRemove: {
      title: 'Retirer cette déclaration\u202f?',
      text: 'Les délégués ne trouveront plus ses citations. Son fichier est conservé et peut être rétabli.',
      confirm: 'Retirer',
      deny: 'Annuler',
    },
    added: (by: string, at: string, id: string) =>
      `Ajoutée aux archives par ${by}, ${at}, sous \`${id}\`. Les délégués peuvent la trouver dès maintenant\u202f: \`/citation in:${id}\`.`,
    addedTitle: 'Ajoutée aux archives',
    removed: (by: string, at: string) => `Retirée des archives par ${by}, ${at}. Son fichier est conservé.`,
    discarded: (by: string, at: string) => `Abandonnée par ${by}, ${at}\u202f: rien n’a été ajouté.`,
    alreadyAdded: (by: string, at: string, id: string | undefined) =>
      `Déjà ajoutée, par ${by}, ${at}${id ? `, sous \`${id}\`` : ''}\u202f: il n’y a plus rien à faire.`,
    expired:
      'Cette vérification a expiré après 24 heures\u202f: rien n’a été ajouté. Renvoyez les fichiers pour recommencer.',
    gone: 'Cette vérification n’est plus ouverte\u202f: elle a été ajoutée, abandonnée ou a expiré.',
    busy: 'Cette déclaration est déjà en cours d’ajout\u202f: le résultat s’affichera ici dans un instant.',
    changed:
      'Cette vérification a changé entre-temps (modifiée, ajoutée ou écartée par quelqu’un d’autre)\u202f: rien n’a été fait. Vérifiez-la de nouveau, puis décidez.',
    unreachable:
      'L’archive n’a pas répondu, donc rien n’a changé\u202f: la vérification reste ouverte. Veuillez réessayer dans une minute.',
    alignment:
      'Les deux versions n’ont pas pu être appariées (trop longues à traiter, ou demandant bien trop de mémoire)\u202f: rien n’a été ajouté. Veuillez vérifier que les deux fichiers sont la même déclaration.',
    notKept:
      'L’archive n’a pas répondu, donc vos fichiers n’ont pas pu être gardés pour vérification. Veuillez les renvoyer dans une minute.',
    unreachableRemove:
      'L’archive n’a pas répondu, donc rien n’a été retiré. Veuillez réessayer dans une minute.',
    statementTooLarge: (size: string, limit: string) =>
      `Écrite comme fichier de déclaration, elle ferait ${size}, au-delà des ${limit} permis pour un fichier de déclaration\u202f: rien n’a été ajouté. Divisez-la en plusieurs déclarations, ou demandez à qui gère l’application de relever la limite.`,
    notYours: 'Seul le responsable qui a ajouté cette déclaration peut la retirer.',
    removeMissing: 'Cette déclaration n’est plus dans les archives.',
    removeChanged:
      'Le fichier de cette déclaration a changé depuis son ajout\u202f: elle n’a pas été retirée.',
    unreadableId: (id: string) =>
      `Un fichier ${id}.yml est dans les archives mais ne se charge pas\u202f: rien n’a été écrit. Veuillez demander à la personne qui tient les données de le corriger.`,
    failed: 'Un problème est survenu et rien n’a été ajouté. Veuillez réessayer dans un instant.',
    modal: {
      editTitle: 'Modifier',
      addTitle: 'Ajouter une déclaration',
      save: 'Mettre à jour',
      read: 'Lire les fichiers',
      cancel: 'Annuler',
      titleIn: (language: Language) => `Titre (${languageName.fr[language]})`,
      placeIn: (language: Language) => `Lieu (${languageName.fr[language]})`,
      forumIn: (language: Language) => `Instance (${languageName.fr[language]})`,
      speakerIn: (language: Language) => `Orateur (${languageName.fr[language]})`,
      roleIn: (language: Language) => `Fonction (${languageName.fr[language]})`,
      countryIn: (language: Language) => `Pays (${languageName.fr[language]})`,
      forumHint:
        'La réunion ou l’instance où elle a été prononcée, comme «\u202fConseil de sécurité de l’ONU\u202f».',
      roleHint: 'Par exemple «\u202fReprésentant permanent du Canada auprès des Nations Unies\u202f».',
      countryHint: 'Le pays au nom duquel parle la déclaration.',
      date: 'Date',
      deliveredIn: 'Prononcé en',
      languageName: (language: Language) => languageName.fr[language],
      fileIn: (language: Language) => `Version ${language === 'fr' ? 'française' : 'anglaise'}`,
      filesHint: `Un fichier dans une langue ou les deux, ou les versions anglaise et française\u202f: ${either(formatNames('fr', 'short'), 'fr')}.`,
      optionalHint: 'Laissez vide pour garder ce que disent les documents.',
      noFile: 'Joignez au moins un fichier.',
      tooLong: (max: number) => `Veuillez ne pas dépasser ${max} caractères.`,
      badDate: 'Veuillez choisir une date.',
      noLetters: 'Veuillez l’écrire en toutes lettres, pas seulement en chiffres ou en signes.',
      invalid: 'Ces renseignements ne forment pas une déclaration valide\u202f: veuillez les vérifier.',
    },
  },
};

/** The Slack app's own notices, in both languages. */
export const notices = { en, fr } satisfies Record<Language, Notices>;
