import mammoth from 'mammoth';
import { DocumentError } from '../../errors.ts';
import type { SourceDocument } from '../document.ts';
import { formatBytes, type IngestLimits } from '../limits.ts';
import { readHtml } from './html.ts';
import { listZipEntries } from './zip.ts';

/** Word styles read as the title block (Title, Subtitle) besides the headings mammoth maps by default. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titre'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Sous-titre'] => h2:fresh",
];

/**
 * Checks a Word file's zip before it is opened: a readable zip holding `word/document.xml`,
 * with declared sizes within the limits (a zip bomb is refused here).
 */
export function checkDocxZip(bytes: Uint8Array, limits: IngestLimits): void {
  const entries = listZipEntries(bytes);
  if (!entries) throw new DocumentError('corrupt', 'is damaged: it is not a readable Word (.docx) file');
  if (!entries.some((entry) => entry.name === 'word/document.xml'))
    throw new DocumentError('unknown_format', 'is a zip file but not a Word (.docx) document');
  if (entries.length > limits.maxZipEntries)
    throw new DocumentError(
      'zip_bomb',
      `holds ${entries.length} parts, more than a Word file ever needs: it was not opened`,
    );
  const unpacked = entries.reduce((sum, entry) => sum + entry.unpackedSize, 0);
  const packed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (unpacked > limits.maxUnpackedBytes || (unpacked > 10 * 1024 * 1024 && unpacked > packed * 200))
    throw new DocumentError(
      'zip_bomb',
      `would unpack to ${formatBytes(unpacked)} (limit ${formatBytes(limits.maxUnpackedBytes)}): it was not opened`,
    );
}

/**
 * Reads a Word file through mammoth: its paragraphs and styles (Title and Heading styles
 * start the title block), footnotes recorded as notes, images dropped.
 */
export async function readDocx(bytes: Uint8Array, limits: IngestLimits): Promise<SourceDocument> {
  checkDocxZip(bytes, limits);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    throw new DocumentError('corrupt', 'is damaged: Word could not be read from it');
  }
  const document = readHtml(`<!doctype html><html><body>${html}</body></html>`);
  return { ...document, format: 'docx' };
}
