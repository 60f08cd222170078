/**
 * A caller's number as a phone system reports it, when there is none to report: withheld
 * (`anonymous`, `private`, `restricted`), not sent (`unknown`, Asterisk's `<unknown>`, an
 * empty field) or a placeholder of zeros. Such a caller is a customer whose number is not
 * known (`numberClass: unknown`), never a personal call (`private`, art. 105.4): a bank's
 * customers often withhold their number.
 */
const WITHHELD = new Set(['anonymous', 'unknown', '<unknown>', 'private', 'restricted', 'unavailable']);

export function isWithheldNumber(from: string | undefined): boolean {
  if (from === undefined) return true;
  const value = from.trim().toLowerCase();
  return value === '' || WITHHELD.has(value) || /^0+$/.test(value);
}
