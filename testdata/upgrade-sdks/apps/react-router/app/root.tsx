import { rootAuthLoader } from "@clerk/react-router/ssr.server";

export const loader = (args) => rootAuthLoader(args);
