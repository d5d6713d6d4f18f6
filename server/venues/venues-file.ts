// Reads the venue configuration named by PATCHDESK_VENUES (a JSON file: {"venues": [...]}).
// Unset means no venues. A file that cannot be read or is not JSON is a startup refusal with a
// message naming the variable, never the file's contents.
import { readBoundedFile } from '../files/bounded-file';

export const venuesFileBytesMax = 256 * 1024;

export async function readVenuesFile(path: string | undefined): Promise<unknown> {
  if (!path) return {};
  const text = await readBoundedFile(path, {
    maxBytes: venuesFileBytesMax,
    label: 'the PATCHDESK_VENUES file',
  });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('the PATCHDESK_VENUES file is not valid JSON');
  }
}
