// Types of build.js (plain JavaScript so it runs before anything is compiled) for TypeScript
// callers: the test setup and the benches.
export declare const repoRoot: string;
export declare const distDir: string;
export declare function distEntryUrl(name: 'main' | 'cli'): string;
export declare function serverBuildIsStale(): boolean;
export declare function buildServer(): Promise<{ files: number; inputs: number }>;
export declare function ensureServerBuilt(): Promise<boolean>;
