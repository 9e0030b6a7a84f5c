import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Scoped styles carry the component's name (class "s-SubAccountTable") instead of a hash of
    // their text: the first screen Go paints before the script runs (firstscreen.go) uses the
    // same classes, so the same rules style it.
    cssHash: ({ name }) => `s-${name}`,
  },
};
