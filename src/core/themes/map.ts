import type { Language } from '../corpus.ts';

export interface ThemeMapOptions {
  /** Characters kept of each theme's label. */
  labelWidth: number;
  /** One character per paragraph instead of two (for long statements or narrow screens). */
  compact: boolean;
  /** Paragraphs shown at most (the first ones); a longer statement's map ends with "…". */
  maxColumns: number;
}

/**
 * The map of a statement: one row per theme, one cell per paragraph, ■ where the theme
 * occurs and □ where it does not, under a ruler that numbers every fifth paragraph.
 * @example toThemeMapLines([1, 2, 3], [{ label: { en: 'Veto' }, paragraphs: [2] }], 'en')
 */
export function toThemeMapLines(
  paragraphNumbers: readonly number[],
  themes: ReadonlyArray<{ label: Record<Language, string>; paragraphs: readonly number[] }>,
  language: Language,
  options: Partial<ThemeMapOptions> = {},
): string[] {
  const compact = options.compact ?? paragraphNumbers.length > 30;
  const labelWidth =
    options.labelWidth ?? Math.min(26, Math.max(...themes.map((theme) => theme.label[language].length)));
  const cell = compact ? 1 : 2;
  const cut = paragraphNumbers.length > (options.maxColumns ?? Number.POSITIVE_INFINITY);
  const shown = cut ? paragraphNumbers.slice(0, options.maxColumns) : paragraphNumbers;
  const more = cut ? '…' : '';
  let ruler = '';
  for (let i = 0; i < shown.length; i++) {
    if (ruler.length > i * cell) continue;
    const n = shown[i]!;
    const mark = i === 0 || n % 5 === 0 ? String(n) : compact ? ' ' : '.';
    ruler += mark.padEnd(cell, ' ');
  }
  const lines = [`${'¶'.padStart(labelWidth)} ${ruler.trimEnd()}`];
  for (const theme of themes) {
    const present = new Set(theme.paragraphs);
    const cells = shown.map((n) => (present.has(n) ? '■' : '□')).join(compact ? '' : ' ');
    lines.push(`${fitLabel(theme.label[language], labelWidth)} ${cells}${more}`);
  }
  return lines;
}

const fitLabel = (text: string, width: number) =>
  text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
