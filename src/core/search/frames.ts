import { foldText } from '../analysis/normalize.ts';

/** Who "we" are: dropped with the frame ("what did Canada say on …"); anyone else is kept as a word that picks statements. */
const SELF = new Set([
  'we',
  'i',
  'canada',
  'the government',
  'our government',
  'the canadian government',
  'ottawa',
  'our delegation',
  'the delegation',
  'our mission',
  'nous',
  'on',
  'le canada',
  'le gouvernement',
  'notre gouvernement',
  'le gouvernement du canada',
  'notre delegation',
  'la delegation',
  'notre mission',
]);

/** Someone, in one to four words: "we", "Canada", "the Prime Minister", "Guterres". */
const WHO = "(?<who>[a-z'-]+(?: [a-z'-]+){0,3}?)";
const ABOUT = '(?:about|on|regarding|concerning|re|in regard to|with regard to|when it comes to|of)';
const ABOUT_FR =
  '(?:sur|a propos de|a propos du|a propos des|au sujet de|au sujet du|au sujet des|concernant|quant a|en matiere de)';

/**
 * The question frames delegates wrap a subject in, in both languages, folded (no accents,
 * lower case, straight apostrophes). The longest that matches the start of a query is cut.
 */
const frameSources: readonly RegExp[] = [
  new RegExp(
    `^(?:so\\s+)?what (?:did|do|does|have|has|had) ${WHO} (?:ever )?(?:say|said|state|stated|tell|told|write|written|mention|mentioned) ${ABOUT}\\s+`,
  ),
  new RegExp(
    `^(?:did|do|does|have|has) ${WHO} (?:ever )?(?:say|said|mention|mentioned|speak|spoken|talk|talked) (?:anything |something )?${ABOUT}\\s+`,
  ),
  new RegExp(
    `^what(?:'s| is| was| are) (?:our|canada's|canadas|the canadian|the government's) (?:position|line|view|stance|language|wording) ${ABOUT}\\s+`,
  ),
  new RegExp(
    `^(?:our|canada's|canadas|the canadian) (?:position|line|view|stance|language|wording) ${ABOUT}\\s+`,
  ),
  new RegExp(`^(?:any |find |show me |get me |give me )?(?:quotes?|passages?|language|lines?) ${ABOUT}\\s+`),
  new RegExp(`^(?:anything|something) ${ABOUT}\\s+`),
  /^(?:show me|find me|tell me about|remind me of)\s+/,
  new RegExp(
    `^(?:qu'|qu )(?:avons-nous|avons nous|a-t-on|a t on) (?:dit|declare|affirme|ecrit) ${ABOUT_FR}\\s+`,
  ),
  new RegExp(`^(?:qu'|qu )a (?:dit|declare) ${WHO} ${ABOUT_FR}\\s+`),
  new RegExp(`^qu'est-ce que (?:nous avons|on a|j'ai) dit ${ABOUT_FR}\\s+`),
  new RegExp(`^qu'est-ce que ${WHO} a dit ${ABOUT_FR}\\s+`),
  new RegExp(`^que (?:dit|disait|dira) ${WHO} ${ABOUT_FR}\\s+`),
  new RegExp(
    `^(?:avons-nous|avons nous|a-t-on|a t on) (?:deja )?(?:dit|parle|evoque|mentionne) (?:quelque chose )?(?:de|du|des|${ABOUT_FR})\\s+`,
  ),
  new RegExp(
    `^(?:quelle est |c'est quoi )?(?:notre|la) (?:position|ligne|formulation) (?:du canada |canadienne )?${ABOUT_FR}\\s+`,
  ),
  new RegExp(`^(?:des |une |les )?(?:citations?|passages?|extraits?) ${ABOUT_FR}\\s+`),
  /^(?:montre-moi|montrez-moi|trouve-moi|trouvez-moi|rappelle-moi)\s+/,
];

/** The frames, with the indices of their groups (`d`): where the speaker kept was typed. */
const frames = frameSources.map((frame) => new RegExp(frame.source, 'd'));

/**
 * A query without the question around it: "what did we say about kigali" searches for
 * "kigali", « qu'a dit le Canada à propos de la Syrie » for « la Syrie », and "what did
 * Guterres say about floods" for "Guterres floods" (a speaker other than us picks the
 * statements). The query comes back as typed when no frame is found or nothing is left.
 * @example stripFrame('What did Canada say on Syria atrocities?') // => 'Syria atrocities'
 */
export function stripFrame(query: string): string {
  const trimmed = query.trim();
  const folded = foldText(trimmed).replace(/[’‘]/g, "'");
  // Folding keeps the length of text without ligatures, so a cut in one is a cut in the other.
  if (folded.length !== trimmed.length) return trimmed;
  let best: RegExpExecArray | undefined;
  for (const frame of frames) {
    const match = frame.exec(folded);
    if (match && match[0].length > (best?.[0].length ?? 0)) best = match;
  }
  if (!best) return trimmed;
  const who = best.groups?.who;
  const at = best.indices?.groups?.who;
  const kept = who && at && !SELF.has(who) ? trimmed.slice(at[0], at[1]) : '';
  const rest = trimmed
    .slice(best[0].length)
    .replace(/[?？!.\s]+$/u, '')
    .trim();
  if (!rest) return trimmed;
  return kept ? `${kept} ${rest}` : rest;
}
