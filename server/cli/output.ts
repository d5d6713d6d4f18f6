// Where commands write: results to stdout, messages and progress to stderr.

export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function writeJson(value: unknown): void {
  writeOut(JSON.stringify(value, null, 2));
}

/** Rows of cells as left-aligned columns, two spaces apart. */
export function formatTable(rows: readonly (readonly string[])[], indent = ''): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) => (indent + row.map((cell, column) => cell.padEnd(widths[column])).join('  ')).trimEnd())
    .join('\n');
}
