/**
 * A strict RFC 4180 parser for asserting on CSV downloads: quoted fields may hold commas,
 * doubled quotes, CR and LF; records end with CRLF (a bare LF is accepted too).
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = (): void => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new Error(`CSV: character ${JSON.stringify(next)} after a closing quote at ${i}`);
        }
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (fieldStarted || field !== '') throw new Error(`CSV: quote inside an unquoted field at ${i}`);
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (c === ',') {
      endField();
      i += 1;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] !== '\n') throw new Error(`CSV: bare CR at ${i}`);
      endField();
      records.push(record);
      record = [];
      i += c === '\r' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  if (fieldStarted || field !== '' || record.length) {
    endField();
    records.push(record);
  }
  return records;
}

/** The records as objects keyed by the header row's names. */
export function csvObjects(records: string[][]): Record<string, string>[] {
  const [header = [], ...rows] = records;
  return rows.map((row) => {
    if (row.length !== header.length)
      throw new Error(`CSV: ${row.length} fields where the header has ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, row[i]]));
  });
}
