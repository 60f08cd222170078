/**
 * What every configuration file the server reads at start does the same way: read the
 * file (a failure said as its error code, never a stack), parse it as YAML (a syntax error
 * said with its line), and find the unquoted numbers YAML would read as numbers where the
 * file means text. Each file's loader wraps these problems in its own error, which names
 * the file.
 */
import fs from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

/** One problem with a configuration file, said without the file's name (its loader adds it). */
export class ConfigProblem extends Error {
  override readonly name = 'ConfigProblem';
}

/** The file's text; a ConfigProblem with the error code when it cannot be read. */
export function readConfigText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigProblem(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/**
 * The file read and parsed by `parse`; a ConfigProblem (the file unreadable, or one `parse`
 * raises) becomes the loader's own error, `fail`, which names the file.
 */
export function loadConfigFile<T>(file: string, parse: (text: string) => T, fail: (problem: string) => Error): T {
  try {
    return parse(readConfigText(file));
  } catch (err) {
    if (err instanceof ConfigProblem) throw fail(err.message);
    throw err;
  }
}

/** The parsed document; a ConfigProblem naming the line of the first syntax error. */
export function parseYamlDocument(text: string): Document {
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first !== undefined) {
    const where = first.linePos ? `line ${first.linePos[0].line}: ` : '';
    throw new ConfigProblem(`${where}not valid YAML (${first.message.split('\n')[0]})`);
  }
  return doc;
}

/** The document's value as plain data; an empty file is an empty mapping. */
export function yamlValue(doc: Document): unknown {
  return doc.toJS() ?? {};
}

/** An unquoted number in the file: where, as written, and what YAML made of it. */
export interface PlainNumber {
  /** The keys down to it (`Alice`; `asterisk-ami.pauseReasons`), or its own text when it is a key. */
  path: string[];
  written: string;
  read: number;
  isKey: boolean;
}

/**
 * Every plain (unquoted) scalar YAML reads as a number, keys included. `Alice: 0101` is
 * the number 101 to YAML, and `007` is 7: the text as written is gone by the time a schema
 * sees it, so a file that means text (an agent id, an extension, a pause code) is checked
 * here, on the document, where the text still is.
 */
export function plainNumbers(doc: Document): PlainNumber[] {
  const found: PlainNumber[] = [];
  const visit = (node: unknown, path: string[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const keyText = isScalar(key) ? String(key.value) : String(key);
        if (isScalar(key) && typeof key.value === 'number') {
          found.push({ path: [...path, key.source ?? keyText], written: key.source ?? keyText, read: key.value, isKey: true });
        }
        visit(pair.value, [...path, isScalar(key) ? (key.source ?? keyText) : keyText]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, String(i)]));
    } else if (isScalar(node) && typeof node.value === 'number') {
      found.push({ path, written: node.source ?? String(node.value), read: node.value, isKey: false });
    }
  };
  visit(doc.contents, []);
  return found;
}

/** What to say about an unquoted number where text is meant (what was lost, and the fix). */
export function quoteIt(n: PlainNumber): string {
  const what = n.isKey ? `the key ${n.written}` : n.written;
  const read = String(n.read) === n.written ? 'a number' : `the number ${n.read}`;
  const why = String(n.read) === n.written ? ' (unquoted, 0101 would be 101)' : '';
  return `${what} is unquoted, so YAML reads it as ${read}: quote it ("${n.written}") to keep it as written${why}`;
}
