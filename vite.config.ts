import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The client. `npm start` serves it with VITE_CONVEX_URL pointed at the offline runtime;
// `npm run dev` points it at a real deployment through .env.local.
export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, strictPort: false },
  preview: { host: "127.0.0.1" },
});
