// Types for scripts/build-electron.mjs, so that tests can import the build in TypeScript.
export declare const ROOT: string;
export declare const MAIN_EXTERNALS: string[];
export declare const PRELOAD_EXTERNALS: string[];
export declare function contractMethods(root?: string): Promise<string[]>;
export declare function buildElectron(opts?: { root?: string; outDir?: string }): Promise<{
  methods: string[];
  mainBytes: number;
  coreBytes: number;
  preloadBytes: number;
  mainFile: string;
  coreFile: string;
  preloadFile: string;
  warnings: number;
}>;
