// `patchdesk modules [--json]`: the module catalog, as a table by category or as JSON.
import type { Command } from 'commander';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { moduleCategories } from '@patchdesk/modules/sdk/define-module';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import { formatTable, writeJson, writeOut } from '../output';

export function registerModulesCommand(program: Command): void {
  program
    .command('modules')
    .description('list the module catalog: every module type with its ports and parameters')
    .option('--json', 'print the catalog as JSON')
    .action((options: { json?: boolean }) => {
      const catalog = createBuiltinRegistry().catalog();
      if (options.json) writeJson(catalog);
      else writeOut(renderCatalog(catalog));
    });
}

export function renderCatalog(catalog: readonly CatalogEntry[]): string {
  const sections: string[] = [];
  for (const category of moduleCategories) {
    const entries = catalog.filter((entry) => entry.category === category);
    if (entries.length === 0) continue;
    const rows = entries.map((entry) => [entry.type, entry.title, ports(entry), params(entry)]);
    sections.push(`${category} (${entries.length})\n${formatTable(rows, '  ')}`);
  }
  return `${sections.join('\n\n')}\n\n${catalog.length} module types. \`patchdesk modules --json\` has descriptions.`;
}

function ports(entry: CatalogEntry): string {
  const inputs = entry.inputs.map((port) => (port.required ? port.name : `[${port.name}]`)).join(', ');
  const outputs = entry.outputs.map((port) => port.name).join(', ');
  const from = entry.feed ? `(${entry.feed} feed)` : inputs;
  return `${from}${from ? ' ' : ''}-> ${outputs}`;
}

function params(entry: CatalogEntry): string {
  return entry.params.map((param) => `${param.name}=${String(param.defaultValue)}`).join(' ');
}
