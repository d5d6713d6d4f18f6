// The open patch's problems, over the canvas's top edge: which module, which cable, and that Run
// waits for them. Clicking a module's line selects it.
import { usePatchProblems } from '../hooks/use-patch-problems';
import { useGraphStore } from '../stores/graph-store';

export function PatchProblems() {
  const problems = usePatchProblems();
  const select = useGraphStore((state) => state.select);
  if (problems.length === 0) return null;
  return (
    <section className="patch-problems" data-testid="patch-problems" role="alert">
      <h3>
        {problems.length} problem{problems.length === 1 ? '' : 's'} in this patch · Run is disabled until they
        are fixed
      </h3>
      <ul>
        {problems.map((problem) => (
          <li key={problem.message} data-testid="patch-problem">
            {problem.moduleId ? (
              <button
                type="button"
                className="link"
                onClick={() => select(new Set([problem.moduleId!]))}
                title="Select this module"
              >
                {problem.message}
              </button>
            ) : (
              problem.message
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
