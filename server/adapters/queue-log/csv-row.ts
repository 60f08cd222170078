/**
 * Splits one CSV row (RFC 4180 quoting: `"a,b"`, `""` for a quote). The queue_log table
 * holds ids, names and numbers, so an export never needs a field spanning lines; a row
 * whose quote never closes is reported as truncated rather than glued to the next line,
 * which keeps the reader line-based (and the live follower's offsets exact). That is why
 * this small reader suffices and `csv-parse` is not a dependency.
 */
export type CsvRow = { ok: true; fields: string[] } | { ok: false; reason: string };

export function splitCsvRow(line: string, delimiter = ','): CsvRow {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return { ok: false, reason: 'unterminated quoted field (truncated row?)' };
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Tolerate stray text after a closing quote (`"a"b`), as most exporters' readers do.
      const end = line.indexOf(delimiter, i);
      value += end < 0 ? line.slice(i) : line.slice(i, end);
      fields.push(value);
      if (end < 0) return { ok: true, fields };
      i = end + delimiter.length;
    } else {
      const end = line.indexOf(delimiter, i);
      if (end < 0) {
        fields.push(line.slice(i));
        return { ok: true, fields };
      }
      fields.push(line.slice(i, end));
      i = end + delimiter.length;
    }
  }
}
