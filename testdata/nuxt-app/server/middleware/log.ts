// Logging only: protects nothing.
export default defineEventHandler((event) => {
  console.log(event.method, event.path);
});
