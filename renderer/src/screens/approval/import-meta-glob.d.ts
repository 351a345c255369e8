// Vite's import.meta.glob (the renderer's tsconfig does not load vite/client types).
interface ImportMeta {
  glob(pattern: string, options: { query: string; import: string; eager: true }): Record<string, unknown>;
}
