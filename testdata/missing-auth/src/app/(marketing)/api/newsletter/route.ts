export { POST } from "./handler";
