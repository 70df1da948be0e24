import { defineConfig } from "astro/config";
import clerk from "@clerk/astro";

export default defineConfig({
  integrations: [clerk({ afterSignInUrl: "/dashboard", afterSignUpUrl: "/welcome" })],
  output: "server",
});
