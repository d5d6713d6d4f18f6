// Patch problems as the CLI prints them: one line each, the stable code first, then where.
import type { Problem } from '@patchdesk/modules/patch/types';

export function formatLocation(location: Problem['location']): string {
  const parts: string[] = [];
  if (location.moduleId !== undefined) {
    let where = `module ${location.moduleId}`;
    if (location.port !== undefined) where += ` port ${location.port}`;
    if (location.param !== undefined) where += ` param ${location.param}`;
    parts.push(where);
  } else {
    if (location.port !== undefined) parts.push(`port ${location.port}`);
    if (location.param !== undefined) parts.push(`param ${location.param}`);
  }
  // The JSON path is the most precise place in the file; it already names the cable when there is one.
  if (location.path !== undefined && location.path !== '') parts.push(location.path);
  else if (location.cableIndex !== undefined) parts.push(`cables[${location.cableIndex}]`);
  return parts.join(', ');
}

export function formatProblem(problem: Problem): string {
  const where = formatLocation(problem.location);
  return `${problem.code}${where ? ` (${where})` : ''}: ${problem.message}`;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `  ${formatProblem(problem)}`).join('\n');
}
