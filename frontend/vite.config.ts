import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Vite builds into frontend/dist, which main.go embeds. Vitest needs svelteTesting() so that
// components resolve Svelte's browser build (see RECIPES.md §7).
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    // Keep app.css's text for the theme's contrast test (Vitest empties stylesheets by default).
    css: { include: [/app\.css/] },
  },
});
