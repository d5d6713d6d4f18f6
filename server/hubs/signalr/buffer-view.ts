// A Buffer over part of an ArrayBuffer, made without Buffer.from's argument checks or subarray's
// species lookup: the MessagePack writer makes one per message, the queue one per flush.
// Buffer[Symbol.species] is the constructor Node itself uses for Buffer views (FastBuffer); a
// runtime where it does not make Buffers gets Buffer.from.
type ViewConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => Buffer;

const species = (Buffer as unknown as Partial<Record<typeof Symbol.species, ViewConstructor>>)[
  Symbol.species
];
const View: ViewConstructor | undefined =
  species !== undefined && new species(new ArrayBuffer(1), 0, 1) instanceof Buffer ? species : undefined;

export function bufferView(buffer: ArrayBufferLike, byteOffset: number, length: number): Buffer {
  return View !== undefined ? new View(buffer, byteOffset, length) : Buffer.from(buffer, byteOffset, length);
}
