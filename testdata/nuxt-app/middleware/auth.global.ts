// Client route middleware: guards pages only, never server routes.
export default defineNuxtRouteMiddleware((to) => {
  const { userId } = useAuth();
  if (!userId.value && to.path.startsWith('/dashboard')) {
    return navigateTo('/sign-in');
  }
});
