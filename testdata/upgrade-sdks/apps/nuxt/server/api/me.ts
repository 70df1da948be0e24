import { getAuth } from "@clerk/nuxt/server";

export default defineEventHandler((event) => getAuth(event).userId);
