/**
 * Barcode value checks, pure. UPC-A (12 digits) and EAN-13 (13 digits) must carry a correct
 * check digit; anything else is taken as Code 128 / QR text (printable ASCII, 1–48 characters).
 */
export function gtinCheckDigit(body: string): number {
  // Weights 3,1,3,1… from the rightmost digit of the body.
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  if (!/^\d{8}$|^\d{12}$|^\d{13}$|^\d{14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/** Returns a sentence saying what is wrong with a barcode value, or undefined when it is fine. */
export function barcodeProblem(code: string): string | undefined {
  if (code.length === 0) return "A barcode cannot be empty.";
  if (/^\d+$/.test(code) && [8, 12, 13, 14].includes(code.length)) {
    return isValidGtin(code) ? undefined : `Barcode ${code} has a wrong check digit.`;
  }
  if (!/^[\x20-\x7e]{1,48}$/.test(code)) return `Barcode "${code}" must be 1–48 printable characters.`;
  return undefined;
}

/** Normalises what a scanner or camera read: trims, drops control characters. */
export function normalizeScan(raw: string): string {
  // Keyboard-wedge scanners send STX/ETX, CR and LF around the code: control characters are the point.
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\x00-\x1f\x7f]/g, "").trim();
}
