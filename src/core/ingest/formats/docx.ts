import mammoth from 'mammoth';
import { DocumentError } from '../../errors.ts';
import type { SourceDocument } from '../document.ts';
import { formatBytes, type IngestLimits } from '../limits.ts';
import { readHtml } from './html.ts';
import { listZipEntries, openZip } from './zip.ts';

/** Word styles read as the title block (Title, Subtitle) besides the headings mammoth maps by default. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titre'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Sous-titre'] => h2:fresh",
];

/**
 * Checks a Word file's zip before it is opened: a readable zip holding `word/document.xml`,
 * with declared sizes within the limits (a zip bomb that admits its size is refused here;
 * one that lies is stopped while it unpacks, see `openZip`).
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
 * start the title block), footnotes recorded as notes, images dropped. Mammoth reads the
 * zip through `openZip`, which counts what really unpacks (never what the zip declares)
 * and stops at `maxUnpackedBytes`; images are never unpacked.
 */
export async function readDocx(bytes: Uint8Array, limits: IngestLimits): Promise<SourceDocument> {
  checkDocxZip(bytes, limits);
  const zip = openZip(bytes, limits.maxUnpackedBytes);
  if (!zip) throw new DocumentError('corrupt', 'is damaged: it is not a readable Word (.docx) file');
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      // mammoth reads an opened zip given as `file` (its own unzip.openZip), though its
      // types list only paths and buffers: so it never unpacks anything with jszip.
      { file: zip } as unknown as Parameters<typeof mammoth.convertToHtml>[0],
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('corrupt', 'is damaged: Word could not be read from it');
  }
  const document = readHtml(`<!doctype html><html><body>${html}</body></html>`);
  return { ...document, format: 'docx' };
}
