// Types of bin/built-cli.js, for the TypeScript that imports it (tests).
export declare const BUILD_ROOT: string;
export declare const MANIFEST_FILE: string;
/** The built entry to run, or null when there is no build or it is older than its sources. */
export declare function freshBuild(repo: string): string | null;
