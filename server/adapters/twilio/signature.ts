/**
 * X-Twilio-Signature: base64(HMAC-SHA1(authToken, url + each param's key+value, keys
 * sorted)). `url` is the full URL Twilio requested (scheme, host, port if any, path and
 * query), exactly as configured in the console. Repeated keys contribute every value.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TwilioParams = Record<string, string | string[] | undefined>;

export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? [...value].sort() : [value]) data += key + v;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** True when the header is the signature of this URL and these params. Constant-time. */
export function verifyTwilioSignature(authToken: string, url: string, params: TwilioParams, signatureHeader: string | undefined): boolean {
  if (authToken === '' || signatureHeader === undefined || signatureHeader === '') return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params), 'utf8');
  const given = Buffer.from(signatureHeader.trim(), 'utf8');
  // Lengths are public (a SHA-1 in base64 is always 28 characters); the bytes are not.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
