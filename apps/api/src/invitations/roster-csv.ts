import { MAX_IMPORT_ROWS, ROLES, type ImportRow } from '@vip/shared-dto';
import { ValidationError } from '../common/errors';

/** A data row of the roster with its verdict; `name` is kept for the invitation. */
export interface RosterRow extends ImportRow {
  name: string | null;
}

const EMAIL = /^[^\s@\p{Cc}]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/u;
// What spreadsheets run as a formula (OWASP "CSV injection"), also after leading spaces.
const FORMULA = /^[\s]*[=+\-@\t\r]/;
const HEADERS = ['email,role', 'email,role,name'];

export function isEmail(value: string): boolean {
  return value.length <= 320 && EMAIL.test(value);
}

/**
 * Reads a roster (`email,role[,name]`, RFC 4180) into rows with a verdict each. A file
 * that is not a roster at all (not UTF-8, wrong header, no rows, too many) is refused
 * with a message naming the problem; row problems are verdicts, so all of them are shown.
 */
export function parseRoster(bytes: Buffer): RosterRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('The file is not UTF-8 text: save the roster as CSV UTF-8');
  }
  const records = readRecords(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  const headerText = header?.cells.map((cell) => cell.trim().toLowerCase()).join(',');
  if (!header || !HEADERS.includes(headerText ?? '')) {
    throw new ValidationError('Line 1 must be the header "email,role" or "email,role,name"');
  }
  const columns = header.cells.length;
  const data = records.filter((record) => !(record.cells.length === 1 && record.cells[0].trim() === ''));
  if (data.length === 0) throw new ValidationError('The file has no rows after the header');
  if (data.length > MAX_IMPORT_ROWS) {
    throw new ValidationError(
      `At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows can be imported at once; this file has ${data.length}`,
    );
  }

  const firstLineOf = new Map<string, number>();
  return data.map(({ line, cells }) => {
    const email = (cells[0] ?? '').trim().toLowerCase();
    const role = (cells[1] ?? '').trim().toLowerCase();
    const name = columns === 3 ? (cells[2] ?? '').trim() : '';
    const row: RosterRow = { line, email, role, name: name || null };
    const error = verdict(cells, columns, email, role, name, firstLineOf.get(email));
    if (error) row.error = error;
    if (email && !firstLineOf.has(email)) firstLineOf.set(email, line);
    return row;
  });
}

function verdict(
  cells: string[],
  columns: number,
  email: string,
  role: string,
  name: string,
  duplicateOf: number | undefined,
): string | undefined {
  if (cells.length !== columns) return `expected ${columns} cells, found ${cells.length}`;
  if (cells.some((cell) => FORMULA.test(cell)))
    return 'a cell starts with = + - @ or a tab, which a spreadsheet would run as a formula';
  if (!isEmail(email)) return 'the email is not a valid email address';
  if (!(ROLES as readonly string[]).includes(role)) return `the role must be one of ${ROLES.join(', ')}`;
  if (name.length > 255 || /\p{Cc}/u.test(name))
    return 'the name must be at most 255 characters, without control characters';
  if (duplicateOf !== undefined) return `duplicate of line ${duplicateOf}`;
  return undefined;
}

/** RFC 4180 records, each with the line it starts on (a quoted cell may span lines). */
function readRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else {
      cell += char;
    }
  }
  if (quoted) throw new ValidationError(`Line ${quoteLine}: a quoted cell is never closed`);
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return records;
}
