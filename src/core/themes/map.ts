import type { Language } from '../corpus';

export interface ThemeMapOptions {
  /** Characters kept of each theme's label. */
  labelWidth: number;
  /** One character per paragraph instead of two (for long statements or narrow screens). */
  compact: boolean;
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
  let ruler = '';
  for (let i = 0; i < paragraphNumbers.length; i++) {
    if (ruler.length > i * cell) continue;
    const n = paragraphNumbers[i]!;
    const mark = i === 0 || n % 5 === 0 ? String(n) : compact ? ' ' : '.';
    ruler += mark.padEnd(cell, ' ');
  }
  const lines = [`${'¶'.padStart(labelWidth)} ${ruler.trimEnd()}`];
  for (const theme of themes) {
    const present = new Set(theme.paragraphs);
    const cells = paragraphNumbers.map((n) => (present.has(n) ? '■' : '□')).join(compact ? '' : ' ');
    lines.push(`${fitLabel(theme.label[language], labelWidth)} ${cells}`);
  }
  return lines;
}

const fitLabel = (text: string, width: number) =>
  text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
