/**
 * Snowball-sized stop lists. Deliberately small: large lists drop words such as
 * "state", "member", "general" or "force" that carry meaning in UN texts.
 */
const FRENCH = `au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous
c d j l a m n s t y jusqu lorsqu puisqu quoiqu
ete etee etees etes etant etais etait etions etiez etaient suis es est sommes sont serai seras sera serons serez seront serais serait serions seriez seraient fus fut fumes futes furent sois soit soyons soyez soient
ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eu eue eues eus eut
cet cette cela ceci celle celles celui ceux dont ou donc or ni car si tres plus aussi alors`;

const ENGLISH = `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves
what which who whom this that these those am is are was were be been being have has had having do does did doing would should could ought
a an the and but if or because as until while of at by for with about against between into through during before after above below to from up down in out on off over under again further then once
here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don
shall may might must also`;

const toSet = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Folded French stop words, elision fragments included (l, d, qu, jusqu…). */
export const frenchStopWords: ReadonlySet<string> = toSet(FRENCH);
/** Folded English stop words, with the possessive "s". */
export const englishStopWords: ReadonlySet<string> = toSet(ENGLISH);
