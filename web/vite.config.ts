// The UI is served by `interdict serve --web-root web/dist`, so asset URLs are
// relative ("./assets/...") and everything is bundled: no CDN, no fonts.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` proxies the API to a running `interdict serve`.
    proxy: {
      "/v1": process.env.INTERDICT_API ?? "http://127.0.0.1:8080",
      "/healthz": process.env.INTERDICT_API ?? "http://127.0.0.1:8080",
    },
  },
});
