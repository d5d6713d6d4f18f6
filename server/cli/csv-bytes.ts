// Writes CSV cells as ASCII straight into a byte buffer: an ISO-8601 time and numbers, with no
// string made per cell in the common cases. Output is byte for byte what
// Date.prototype.toISOString and String(number) give; checked against both in the tests.
//
// Times: bars of one day share their date, so the "YYYY-MM-DDT" prefix is made once per day
// and only the time of day is written per row. Times outside years 0000-9999 or not whole
// milliseconds (none come from a bar CSV) go through toISOString itself.
// Numbers: integers below 2^53 are written digit by digit (probes of signals are 0 and 1);
// anything else goes through String().

const dayMs = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z. */
const firstMs = -62_167_219_200_000;
const endMs = 253_402_300_800_000;
/** Room one cell can take: a number's longest String() form is 24 characters. */
export const maxCellBytes = 32;

export class CsvByteWriter {
  bytes: Buffer;
  length = 0;
  private day = Number.NaN;
  private readonly prefix = Buffer.alloc(11);

  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  /** Make room for `more` bytes. */
  reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + more));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /** A copy of the bytes written so far (the caller may hold it); the writer starts over. */
  take(): Buffer {
    const written = Buffer.from(this.bytes.subarray(0, this.length));
    this.length = 0;
    return written;
  }

  byte(code: number): void {
    this.bytes[this.length++] = code;
  }

  ascii(text: string): void {
    this.reserve(text.length);
    this.length += this.bytes.write(text, this.length, 'latin1');
  }

  /** The time as toISOString writes it (24 bytes in years 0000-9999). */
  isoTime(timeMs: number): void {
    if (!(timeMs >= firstMs && timeMs < endMs) || !Number.isInteger(timeMs)) {
      this.ascii(new Date(timeMs).toISOString());
      return;
    }
    this.reserve(24);
    const day = Math.floor(timeMs / dayMs);
    if (day !== this.day) {
      this.day = day;
      this.prefix.write(new Date(day * dayMs).toISOString().slice(0, 11), 0, 'latin1');
    }
    const bytes = this.bytes;
    const prefix = this.prefix;
    let at = this.length;
    // by hand: Buffer#copy costs more than eleven stores
    for (let i = 0; i < 11; i++) bytes[at + i] = prefix[i];
    at += 11;
    let rest = timeMs - day * dayMs;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1_000);
    const milliseconds = rest - seconds * 1_000;
    at = twoDigits(bytes, at, hours);
    bytes[at++] = 58; // :
    at = twoDigits(bytes, at, minutes);
    bytes[at++] = 58;
    at = twoDigits(bytes, at, seconds);
    bytes[at++] = 46; // .
    bytes[at++] = 48 + Math.floor(milliseconds / 100);
    at = twoDigits(bytes, at, milliseconds % 100);
    bytes[at++] = 90; // Z
    this.length = at;
  }

  /** The number as String() writes it. */
  number(value: number): void {
    if (Number.isInteger(value) && value > -Number.MAX_SAFE_INTEGER && value < Number.MAX_SAFE_INTEGER) {
      this.reserve(maxCellBytes);
      const bytes = this.bytes;
      let at = this.length;
      let rest = value;
      if (rest < 0) {
        bytes[at++] = 45; // -
        rest = -rest;
      }
      // -0 is written "0", as String(-0) is.
      let digits = 1;
      for (let scale = 10; scale <= rest; scale *= 10) digits++;
      for (let i = digits - 1; i >= 0; i--) {
        const quotient = Math.floor(rest / 10);
        bytes[at + i] = 48 + (rest - quotient * 10);
        rest = quotient;
      }
      this.length = at + digits;
      return;
    }
    this.ascii(String(value));
  }
}

function twoDigits(bytes: Buffer, at: number, value: number): number {
  const tens = Math.floor(value / 10);
  bytes[at] = 48 + tens;
  bytes[at + 1] = 48 + (value - tens * 10);
  return at + 2;
}
