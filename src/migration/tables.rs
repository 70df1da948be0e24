//! The rows: every Clerk change the migration rules know, by SDK and Core. Sources:
//! clerk-facts §1.4 (Clerk's own upgrade rules, Core 2 and Core 3), §1.5 (the APIs that matter
//! most) and the upgrade guides each row links.

use super::{From, KeyRow, ModuleRow, NamedRow, PackageRow, PropRow, Since};

/// Row builders: each table below is one line per row.
const fn module(
    modules: &'static [&'static str],
    since: Since,
    instead: &'static str,
    guide: &'static str,
) -> ModuleRow {
    ModuleRow {
        modules,
        since,
        instead,
        guide,
    }
}

const fn named(
    from: From,
    names: &'static [&'static str],
    since: Since,
    instead: &'static str,
    move_to: Option<&'static str>,
    guide: &'static str,
) -> NamedRow {
    NamedRow {
        from,
        names,
        since,
        instead,
        move_to,
        guide,
    }
}

const fn prop(
    components: &'static [&'static str],
    prop: &'static str,
    since: Since,
    instead: &'static str,
    rename_to: Option<&'static str>,
    guide: &'static str,
) -> PropRow {
    PropRow {
        components,
        prop,
        since,
        instead,
        rename_to,
        guide,
    }
}

const fn key(
    callees: &'static [&'static str],
    from: From,
    key: &'static str,
    since: Since,
    instead: &'static str,
    rename_to: Option<&'static str>,
    guide: &'static str,
) -> KeyRow {
    KeyRow {
        callees,
        from,
        key,
        since,
        instead,
        rename_to,
        guide,
    }
}

const fn package(
    name: &'static str,
    from_core: Option<u8>,
    message: &'static str,
    help: &'static str,
) -> PackageRow {
    PackageRow {
        name,
        from_core,
        message,
        help,
    }
}

/// The React-based SDKs whose components share Clerk's prop names.
pub const REACT_SDKS: &[&str] = &[
    "@clerk/nextjs",
    "@clerk/clerk-react",
    "@clerk/react",
    "@clerk/remix",
    "@clerk/react-router",
    "@clerk/tanstack-react-start",
    "@clerk/tanstack-start",
    "@clerk/clerk-expo",
    "@clerk/expo",
    "@clerk/chrome-extension",
    "gatsby-plugin-clerk",
];

/// The SDKs whose Core 3 release replaced `<SignedIn>`, `<SignedOut>` and `<Protect>` with
/// `<Show>` (the `transform-protect-to-show` codemods).
pub const SHOW_SDKS: &[&str] = &[
    "@clerk/remix",
    "@clerk/nextjs",
    "@clerk/clerk-react",
    "@clerk/clerk-expo",
    "@clerk/react",
    "@clerk/expo",
    "@clerk/react-router",
    "@clerk/tanstack-react-start",
    "@clerk/vue",
    "@clerk/nuxt",
];

pub const NEXT: &str = "@clerk/nextjs";
pub const NEXT_SOURCES: &[&str] = &["@clerk/nextjs", "@clerk/nextjs/server"];

#[rustfmt::skip]
pub const MODULES: &[ModuleRow] = &[
    module(&["@clerk/nextjs/api", "@clerk/nextjs/dist/api"], Since::Pkg(NEXT, None, Some((5, 0, 0))), "`getAuth(req)` from `@clerk/nextjs/server`", "core-2/nextjs#import-nextjs-api"),
    module(&["@clerk/nextjs/ssr"], Since::Pkg(NEXT, None, Some((5, 0, 0))), "`getAuth(req)` and `buildClerkProps()` from `@clerk/nextjs/server`", "core-2/nextjs#import-nextjs-ssr"),
    module(&["@clerk/nextjs/edge-middleware", "@clerk/nextjs/edge-middlewarefiles"], Since::Pkg(NEXT, None, Some((5, 0, 0))), "`clerkMiddleware()` from `@clerk/nextjs/server`", "core-2/nextjs#import-nextjs-edge-middleware"),
    module(&["@clerk/nextjs/app-beta"], Since::Pkg(NEXT, None, Some((5, 0, 0))), "`@clerk/nextjs` for components and `@clerk/nextjs/server` for `auth()` and `currentUser()`", "core-2/nextjs#import-nextjs-app-beta"),
    module(&["@clerk/react-router/api.server"], Since::Pkg("@clerk/react-router", None, Some((3, 0, 0))), "`@clerk/react-router/server`", "core-3#react-router-api-server-removed"),
    module(&["@clerk/react-router/ssr.server"], Since::Pkg("@clerk/react-router", Some((3, 0, 0)), None), "`@clerk/react-router/server`", "core-3"),
    module(&["@clerk/clerk-sdk-node/cjs/instance", "@clerk/clerk-sdk-node/esm/instance"], Since::Pkg("@clerk/clerk-sdk-node", None, Some((5, 0, 0))), "the package root `@clerk/clerk-sdk-node` (better: `@clerk/express`)", "core-2/node#cjs-esm-instance"),
    module(&["@clerk/clerk-react", "@clerk/clerk-react/errors", "@clerk/clerk-react/experimental", "@clerk/clerk-react/internal"], Since::Core(None, Some(3)), "the same entry point of `@clerk/react` (the package was renamed in Clerk Core 3)", "core-3#clerk-react-package-rename"),
    module(&["@clerk/clerk-expo", "@clerk/clerk-expo/web", "@clerk/clerk-expo/token-cache"], Since::Core(None, Some(3)), "the same entry point of `@clerk/expo` (the package was renamed in Clerk Core 3)", "core-3#clerk-expo-package-rename"),
    module(&["@clerk/tanstack-start", "@clerk/tanstack-start/server"], Since::Core(None, Some(3)), "the same entry point of `@clerk/tanstack-react-start` (the package was renamed)", "core-3"),
    module(&["@clerk/remix", "@clerk/remix/ssr.server", "@clerk/remix/api.server"], Since::Core(None, Some(3)), "`@clerk/react-router` (`@clerk/react-router/server` for `getAuth` and `rootAuthLoader`): `@clerk/remix` gets no Core 3 release", "core-3"),
    module(&["@clerk/themes"], Since::AppCore(Some(3), None), "`@clerk/ui/themes` (`@clerk/themes` was replaced by `@clerk/ui` in Clerk Core 3)", "core-3#ui-themes-export-path"),
    module(&["@clerk/types"], Since::AppCore(Some(3), None), "`@clerk/shared/types` or the types your SDK exports", "core-3#clerk-types-deprecation"),
    module(&["@clerk/clerk-sdk-node"], Since::Unsupported, "`@clerk/express` (`clerkMiddleware()` and `getAuth(req)`) or `@clerk/backend`", "core-2/node"),
];

/// Server helpers that `@clerk/nextjs` 5 no longer exports from the package root.
pub const NEXT_SERVER_HELPERS: &[&str] = &[
    "auth",
    "currentUser",
    "authMiddleware",
    "buildClerkProps",
    "clerkClient",
    "getAuth",
    "redirectToSignIn",
    "redirectToSignUp",
    "verifyToken",
    "verifyJwt",
    "decodeJwt",
    "signJwt",
    "createClerkClient",
    "createAuthenticateRequest",
    "createIsomorphicRequest",
    "constants",
];

/// Constants `@clerk/nextjs` 4 exported and 5 removed (`core-2/nextjs/import-*.md`).
pub const NEXT_CONSTANTS: &[&str] = &[
    "API_URL",
    "API_VERSION",
    "CLERK_JS_URL",
    "CLERK_JS_VERSION",
    "DOMAIN",
    "IS_SATELLITE",
    "PROXY_URL",
    "PUBLISHABLE_KEY",
    "SECRET_KEY",
    "SIGN_IN_URL",
    "SIGN_UP_URL",
];

/// The SDKs whose Core 3 release gave `useSignIn` / `useSignUp` a new API and kept the old
/// hooks under `<pkg>/legacy` (the `transform-clerk-react-v6` codemod).
pub const LEGACY_HOOK_SDKS: &[&str] = &[
    "@clerk/nextjs",
    "@clerk/react",
    "@clerk/expo",
    "@clerk/react-router",
    "@clerk/tanstack-react-start",
];

/// Changes of behaviour behind a named import: the decision the help spells out, because no
/// fix can make it (`--fix` never touches these).
pub const MANUAL_STEPS: &[(&str, &str)] = &[(
    "authMiddleware",
    "a decision, not a rename: `authMiddleware` protected every route not listed in `publicRoutes`, `clerkMiddleware()` protects none until you call `await auth.protect()` for the routes to protect; list them (or protect everything but the public ones) before you switch",
)];

#[rustfmt::skip]
pub const NAMED: &[NamedRow] = &[
    named(From::Modules(NEXT_SOURCES), NEXT_CONSTANTS, Since::Pkg(NEXT, None, Some((5, 0, 0))), "the environment variable it mirrored (`process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY`, ...)", None, "core-2/nextjs#import-api-url"),
    named(From::Modules(&["@clerk/nextjs"]), &["MultiSessionAppSupport"], Since::Pkg(NEXT, None, Some((5, 0, 0))), "the same import from `@clerk/nextjs/internal`", Some("@clerk/nextjs/internal"), "core-2/nextjs#multisessionappsupport-import-change"),
    named(From::Modules(&["@clerk/backend"]), &["constants", "createAuthenticateRequest", "createIsomorphicRequest", "redirect"], Since::Pkg("@clerk/backend", None, Some((1, 0, 0))), "the `@clerk/backend/internal` entry point", None, "core-2/backend#constants-import-path-move"),
    named(From::Modules(&["@clerk/backend"]), &["decodeJwt", "signJwt", "verifyJwt"], Since::Pkg("@clerk/backend", None, Some((1, 0, 0))), "the JWT entry point of `@clerk/backend` (see the guide)", None, "core-2/backend#decodejwt-import-path-move"),
    named(From::Modules(&["@clerk/backend"]), &["TokenVerificationError", "TokenVerificationErrorAction", "TokenVerificationErrorCode", "TokenVerificationErrorReason", "SignJWTError"], Since::Pkg("@clerk/backend", None, Some((1, 0, 0))), "the same import from `@clerk/backend/errors`", Some("@clerk/backend/errors"), "core-2/backend#tokenverificationerror-import-move"),
    named(From::Modules(&["@clerk/backend"]), &["buildRequestUrl", "createEmail"], Since::Pkg("@clerk/backend", None, Some((1, 0, 0))), "nothing: the helper was removed (build the URL or call the Backend API yourself)", None, "core-2/backend#buildrequesturl-removed"),
    named(From::Packages(&["@clerk/clerk-react"]), &["ClerkProviderOptionsWrapper"], Since::Core(None, Some(2)), "`ClerkProviderProps`", None, "core-2/react#clerkprovideroptionswrapper-dropped"),
    named(From::Packages(&["@clerk/clerk-react", "@clerk/nextjs", "@clerk/shared"]), &["OrganizationContext"], Since::Core(None, Some(2)), "`OrganizationProvider`", None, "core-2/react#organizationcontext"),
    named(From::Modules(&["@clerk/clerk-sdk-node", "@clerk/remix"]), &["Clerk"], Since::Core(None, Some(2)), "`createClerkClient()`", None, "core-2/node#clerk-import-change"),
    named(From::Packages(&["@clerk/clerk-sdk-node"]), &["LegacyAuthObject"], Since::Core(None, Some(2)), "`AuthObject`", None, "core-2/node#legacyauthobject-removed"),
    named(From::Modules(LEGACY_HOOK_SDKS), &["useSignIn", "useSignUp"], Since::Changed(3), "the same import from the `/legacy` entry point, which keeps the hook you use (the root one is Core 3's new API)", Some("{pkg}/legacy"), "core-3"),
    named(From::Modules(&["@clerk/expo", "@clerk/clerk-expo"]), &["Clerk"], Since::Core(None, Some(3)), "`getClerkInstance()`", None, "core-3#expo-clerk-export-removed"),
    named(From::Modules(&["@clerk/expo"]), &["useSignInWithApple", "useSignInWithGoogle"], Since::Core(None, Some(3)), "the hook's own entry point of `@clerk/expo` (see the guide)", None, "core-3#expo-native-auth-hooks-moved"),
    named(From::Modules(&["@clerk/react-router/ssr.server", "@clerk/react-router/server"]), &["rootAuthLoader"], Since::Changed(3), "it together with `export const middleware = [clerkMiddleware()]` in `app/root.tsx` and `future.v8_middleware: true` (a manual step: @clerk/react-router 3 throws without the middleware)", None, "core-3#react-router-require-middleware"),
    named(From::Modules(&["@clerk/ui"]), &["simple", "__experimental_simple", "experimental__simple"], Since::AppCore(None, Some(3)), "`appearance={{ theme: 'simple' }}` (no import)", None, "core-3#simple-theme-usage-changed"),
    named(From::Modules(&["@clerk/nextjs/server"]), &["createRouteMatcher"], Since::Pkg(NEXT, Some((7, 5, 14)), None), "per-resource `await auth.protect()` / `auth()` checks (a manual step: decide where each route checks)", None, "migrate-from-create-route-matcher"),
    named(From::Modules(&["@clerk/astro/server"]), &["createRouteMatcher"], Since::Pkg("@clerk/astro", None, Some((4, 0, 0))), "`locals.auth()` checks in each page and endpoint (a manual step)", None, "migrate-from-create-route-matcher"),
    named(From::Modules(&["@clerk/nuxt/server"]), &["createRouteMatcher"], Since::Pkg("@clerk/nuxt", None, Some((3, 0, 0))), "`event.context.auth()` checks in each handler (a manual step)", None, "migrate-from-create-route-matcher"),
    named(From::Modules(NEXT_SOURCES), &["authMiddleware"], Since::Pkg(NEXT, Some((5, 0, 0)), Some((6, 0, 0))), "`clerkMiddleware()` from `@clerk/nextjs/server`", None, "core-2/nextjs#auth-middleware-deprecated"),
    named(From::Modules(&["@clerk/nextjs", "@clerk/nextjs/server", "@clerk/nextjs/edge-middleware"]), &["withClerkMiddleware"], Since::Pkg(NEXT, None, Some((5, 0, 0))), "`clerkMiddleware()` from `@clerk/nextjs/server`", None, "core-2/nextjs#with-clerk-middleware-removed"),
    named(From::Modules(NEXT_SOURCES), &["redirectToSignIn", "redirectToSignUp"], Since::Pkg(NEXT, None, Some((6, 0, 0))), "the one `await auth()` returns (`const { redirectToSignIn } = await auth()`)", None, "nextjs-v6"),
    named(From::Modules(&["@clerk/nextjs"]), NEXT_SERVER_HELPERS, Since::Pkg(NEXT, None, Some((5, 0, 0))), "the same import from `@clerk/nextjs/server`", Some("@clerk/nextjs/server"), "core-2/nextjs#auth-import-change"),
    named(From::Modules(&["@clerk/nextjs"]), &["isClerkAPIResponseError", "isEmailLinkError", "isKnownError", "isMetamaskError", "EmailLinkErrorCode"], Since::Pkg(NEXT, None, Some((5, 0, 0))), "the same import from `@clerk/nextjs/errors`", Some("@clerk/nextjs/errors"), "core-2/nextjs#isclerkapiresponserror-import-change"),
    named(From::Modules(&["@clerk/nextjs/server"]), &["ClerkMiddlewareAuthObject"], Since::Pkg(NEXT, None, Some((7, 0, 0))), "`ClerkMiddlewareSessionAuthObject`", None, "core-3"),
    named(From::Packages(&["@clerk/nextjs", "@clerk/clerk-react"]), &["withClerk", "WithClerk", "withSession", "WithSession", "withUser", "WithUser"], Since::Core(None, Some(2)), "the `useClerk()`, `useSession()` and `useUser()` hooks", None, "core-2/react#withclerk-hof-removed"),
    named(From::Packages(REACT_SDKS), &["useOrganizations"], Since::Core(None, Some(2)), "`useOrganizationList()`", None, "core-2/react#useorganizations"),
    named(From::Packages(REACT_SDKS), &["useMagicLink"], Since::Core(None, Some(2)), "`useEmailLink()`", None, "core-2/react#usemagiclink"),
    named(From::Packages(REACT_SDKS), &["isMagicLinkError"], Since::Core(None, Some(2)), "`isEmailLinkError()`", None, "core-2/react#ismagiclinkerror"),
    named(From::Packages(REACT_SDKS), &["MagicLinkErrorCode"], Since::Core(None, Some(2)), "`EmailLinkErrorCode`", None, "core-2/react#magiclinkerrorcode"),
    named(From::Packages(&["@clerk/remix"]), &["ClerkErrorBoundary"], Since::Pkg("@clerk/remix", None, Some((4, 0, 0))), "your own error boundary (Clerk no longer needs one)", None, "core-2/remix#clerkerrorboundary-removed"),
    named(From::Packages(&["@clerk/clerk-sdk-node"]), &["setClerkApiKey", "setClerkApiVersion", "setClerkHttpOptions", "setClerkServerApiUrl"], Since::Pkg("@clerk/clerk-sdk-node", None, Some((5, 0, 0))), "the options of `createClerkClient()`", None, "core-2/node#setclerkapikey"),
    named(From::Packages(&["@clerk/backend"]), &["Clerk"], Since::Pkg("@clerk/backend", None, Some((1, 0, 0))), "`createClerkClient()`", None, "core-2/backend#clerk-import"),
    named(From::Modules(&["@clerk/nuxt/server"]), &["getAuth"], Since::Pkg("@clerk/nuxt", None, Some((2, 0, 0))), "`event.context.auth()`", None, "core-3#nuxt-getauth-removed"),
    named(From::Modules(&["@clerk/tanstack-start/server"]), &["getAuth"], Since::Core(None, Some(3)), "`await auth()` from `@clerk/tanstack-react-start/server`", None, "core-3"),
    named(From::Modules(&["@clerk/tanstack-react-start/server"]), &["getAuth"], Since::Pkg("@clerk/tanstack-react-start", None, Some((0, 26, 0))), "`await auth()` from `@clerk/tanstack-react-start/server`", None, "core-3"),
    named(From::Packages(&["@clerk/express"]), &["requireAuth"], Since::Pkg("@clerk/express", Some((2, 1, 0)), None), "`clerkMiddleware()` with a `getAuth(req)` check that answers 401 (`requireAuth()` redirects API calls to the sign-in page)", None, "core-3"),
    named(From::Packages(SHOW_SDKS), &["SignedIn"], Since::Core(None, Some(3)), "`<Show when=\"signed-in\">`", None, "core-3#protect-signedin-signedout-replaced-by-show"),
    named(From::Packages(SHOW_SDKS), &["SignedOut"], Since::Core(None, Some(3)), "`<Show when=\"signed-out\">`", None, "core-3#protect-signedin-signedout-replaced-by-show"),
    named(From::Packages(SHOW_SDKS), &["Protect"], Since::Core(None, Some(3)), "`<Show when={{ role: ... }}>` or `<Show when={(has) => ...}>`", None, "core-3#protect-signedin-signedout-replaced-by-show"),
    named(From::Packages(&["@clerk/clerk-react", "@clerk/clerk-js", "@clerk/shared"]), &["MagicLinkError"], Since::Core(None, Some(2)), "`EmailLinkError`", None, "core-2/react#magiclinkerror"),
    named(From::Modules(&["@clerk/clerk-react"]), &["isClerkAPIResponseError", "isEmailLinkError", "isKnownError", "isMetamaskError", "EmailLinkErrorCode"], Since::Core(None, Some(2)), "the same import from `@clerk/clerk-react/errors`", Some("@clerk/clerk-react/errors"), "core-2/react#isclerkapiresponserror-import-change"),
    named(From::Modules(&["@clerk/clerk-react"]), &["MultisessionAppSupport", "MultiSessionAppSupport"], Since::Core(None, Some(2)), "the same import from `@clerk/clerk-react/internal`", Some("@clerk/clerk-react/internal"), "core-2/react#multisessionappsupport-import-change"),
    named(From::Packages(REACT_SDKS), &["useCheckout"], Since::Changed(3), "it with its Core 3 return value (see the guide)", None, "core-3#checkout-api-changed"),
];

pub const LEGACY_REDIRECT: Since = Since::Core(Some(2), Some(3));
pub const REDIRECT_GUIDE: &str = "core-2/nextjs#aftersignxurl-changes";

#[rustfmt::skip]
pub const PROPS: &[PropRow] = &[
    prop(&["ClerkProvider"], "afterSignInUrl", LEGACY_REDIRECT, "`signInFallbackRedirectUrl`", Some("signInFallbackRedirectUrl"), REDIRECT_GUIDE),
    prop(&["ClerkProvider"], "afterSignUpUrl", LEGACY_REDIRECT, "`signUpFallbackRedirectUrl`", Some("signUpFallbackRedirectUrl"), REDIRECT_GUIDE),
    prop(&["ClerkProvider"], "redirectUrl", LEGACY_REDIRECT, "`signInFallbackRedirectUrl` and `signUpFallbackRedirectUrl`", None, REDIRECT_GUIDE),
    prop(&["SignIn"], "afterSignInUrl", LEGACY_REDIRECT, "`fallbackRedirectUrl`", Some("fallbackRedirectUrl"), REDIRECT_GUIDE),
    prop(&["SignIn"], "afterSignUpUrl", LEGACY_REDIRECT, "`signUpFallbackRedirectUrl`", Some("signUpFallbackRedirectUrl"), REDIRECT_GUIDE),
    prop(&["SignUp"], "afterSignInUrl", LEGACY_REDIRECT, "`signInFallbackRedirectUrl`", Some("signInFallbackRedirectUrl"), REDIRECT_GUIDE),
    prop(&["SignUp"], "afterSignUpUrl", LEGACY_REDIRECT, "`fallbackRedirectUrl`", Some("fallbackRedirectUrl"), REDIRECT_GUIDE),
    prop(&["SignIn", "SignInButton"], "redirectUrl", LEGACY_REDIRECT, "`fallbackRedirectUrl` and `signUpFallbackRedirectUrl` (or the `forceRedirectUrl` pair to always redirect)", None, REDIRECT_GUIDE),
    prop(&["SignUp", "SignUpButton"], "redirectUrl", LEGACY_REDIRECT, "`fallbackRedirectUrl` and `signInFallbackRedirectUrl` (or the `forceRedirectUrl` pair to always redirect)", None, REDIRECT_GUIDE),
    prop(&["SignInButton"], "afterSignInUrl", LEGACY_REDIRECT, "`fallbackRedirectUrl`", None, REDIRECT_GUIDE),
    prop(&["SignInButton"], "afterSignUpUrl", LEGACY_REDIRECT, "`signUpFallbackRedirectUrl`", None, REDIRECT_GUIDE),
    prop(&["SignUpButton"], "afterSignInUrl", LEGACY_REDIRECT, "`signInFallbackRedirectUrl`", None, REDIRECT_GUIDE),
    prop(&["SignUpButton"], "afterSignUpUrl", LEGACY_REDIRECT, "`fallbackRedirectUrl`", None, REDIRECT_GUIDE),
    prop(&["UserButton"], "afterSignOutUrl", Since::Core(None, Some(3)), "`afterSignOutUrl` on `<ClerkProvider>`", None, "core-3#userbutton-signout-props-removed"),
    prop(&["UserButton"], "afterMultiSessionSingleSignOutUrl", Since::Core(None, Some(3)), "`afterMultiSessionSingleSignOutUrl` on `<ClerkProvider>`", None, "core-3#userbutton-signout-props-removed"),
    prop(&["OrganizationSwitcher"], "afterSwitchOrganizationUrl", Since::Core(Some(2), Some(3)), "`afterSelectOrganizationUrl`", Some("afterSelectOrganizationUrl"), "core-3#after-switch-organization-url-removed"),
    prop(&["OrganizationSwitcher", "CreateOrganization", "OrganizationList"], "hideSlug", Since::Core(None, Some(3)), "the organization slug setting in the Clerk Dashboard", None, "core-3#hide-slug-removed"),
    prop(&["ClerkProvider"], "frontendApi", Since::Core(None, Some(2)), "`publishableKey` (a different value: `pk_test_…`/`pk_live_…`)", None, "core-2/nextjs#clerkprovider-frontendapi-2"),
    prop(&["ClerkProvider"], "navigate", Since::Core(None, Some(2)), "`routerPush` and `routerReplace`", None, "core-2/react#navigate-to-routerpush-routerreplace"),
    prop(&["ClerkProvider"], "clerkJSUrl", Since::Core(None, Some(3)), "the `*_CLERK_JS_URL` environment variable (or `__internal_clerkJSUrl`)", None, "core-3#clerk-js-ui-props-internalized"),
    prop(&["ClerkProvider"], "clerkJSVersion", Since::Core(None, Some(3)), "the `*_CLERK_JS_VERSION` environment variable (or `__internal_clerkJSVersion`)", None, "core-3#clerk-js-ui-props-internalized"),
    prop(&["ClerkProvider"], "clerkUIUrl", Since::Core(None, Some(3)), "the `*_CLERK_UI_URL` environment variable (or `__internal_clerkUIUrl`)", None, "core-3#clerk-js-ui-props-internalized"),
    prop(&["ClerkProvider"], "clerkUIVersion", Since::Core(None, Some(3)), "the `*_CLERK_UI_VERSION` environment variable (or `__internal_clerkUIVersion`)", None, "core-3#clerk-js-ui-props-internalized"),
    prop(&["UserButton"], "signOutUrl", Since::Core(None, Some(3)), "`afterSignOutUrl` on `<ClerkProvider>`", None, "core-3#userbutton-signout-props-removed"),
    prop(&["ClerkProvider"], "clerkJSVariant", Since::Core(None, Some(3)), "`prefetchUI={false}` to skip loading the UI", None, "core-3#clerk-js-variant-removed"),
    prop(&["SignOutButton"], "signOutCallback", Since::Core(None, Some(2)), "`redirectUrl`", None, "core-2/react#signoutcallback-to-redirecturl"),
    prop(&["UserButton"], "userProfile", Since::Core(None, Some(2)), "`userProfileProps`", Some("userProfileProps"), "core-2/react#userprofile-prop"),
    prop(&["ClerkProvider"], "tokenCache", Since::Pkg("@clerk/chrome-extension", None, Some((1, 0, 0))), "`storageCache` (a wider interface: `createKey`, `get`, `set`, `remove`)", None, "core-2/chrome-extension#clerkprovider-tokencache"),
    prop(&["SignInButton", "SignUpButton", "SignOutButton"], "as", Since::Pkg("@clerk/astro", None, Some((3, 0, 0))), "a child element (the `as` prop of the Astro buttons is gone)", None, "core-3#astro-as-prop-removed"),
];

pub const CLIENT_FACTORIES: &[&str] = &[
    "createClerkClient",
    "Clerk",
    "authMiddleware",
    "withClerkMiddleware",
    "getAuth",
    "rootAuthLoader",
    "ClerkExpressRequireAuth",
    "ClerkExpressWithAuth",
    "createClerkExpressRequireAuth",
    "createClerkExpressWithAuth",
    "clerkPlugin",
];

pub const ANY_CLERK: From = From::Packages(&[
    "@clerk/nextjs",
    "@clerk/backend",
    "@clerk/clerk-sdk-node",
    "@clerk/remix",
    "@clerk/fastify",
    "@clerk/express",
    "gatsby-plugin-clerk",
]);

#[rustfmt::skip]
pub const KEYS: &[KeyRow] = &[
    key(CLIENT_FACTORIES, ANY_CLERK, "apiKey", Since::Core(None, Some(2)), "`secretKey` (the same `sk_…` value)", Some("secretKey"), "core-2/backend#createclerkclient-apikey"),
    key(CLIENT_FACTORIES, ANY_CLERK, "frontendApi", Since::Core(None, Some(2)), "`publishableKey` (a different value: `pk_test_…`/`pk_live_…`)", None, "core-2/backend#createclerkclient-frontendapi"),
    key(&["clerkMiddleware"], From::Packages(&["@clerk/express"]), "enableHandshake", Since::Pkg("@clerk/express", Some((1, 7, 18)), Some((2, 0, 0))), "nothing: remove the option", None, "core-3#express-deprecated-removed"),
    key(&["default"], From::Modules(&["@clerk/astro"]), "afterSignInUrl", LEGACY_REDIRECT, "`signInFallbackRedirectUrl`", None, "core-3#deprecated-redirect-props-removed"),
    key(&["default"], From::Modules(&["@clerk/astro"]), "afterSignUpUrl", LEGACY_REDIRECT, "`signUpFallbackRedirectUrl`", None, "core-3#deprecated-redirect-props-removed"),
    key(&["rootAuthLoader"], From::Packages(&["@clerk/remix", "@clerk/react-router"]), "afterSignInUrl", LEGACY_REDIRECT, "`signInFallbackRedirectUrl`", None, "core-3#deprecated-redirect-props-removed"),
    key(&["rootAuthLoader"], From::Packages(&["@clerk/remix", "@clerk/react-router"]), "afterSignUpUrl", LEGACY_REDIRECT, "`signUpFallbackRedirectUrl`", None, "core-3#deprecated-redirect-props-removed"),
    key(&["initializeClerkClient"], From::Packages(&["clerk-sveltekit"]), "afterSignInUrl", Since::Pkg("clerk-sveltekit", Some((0, 0, 0)), None), "`signInFallbackRedirectUrl` (and the maintained `svelte-clerk` package)", None, "core-2/nextjs#aftersignxurl-changes"),
    key(&["initializeClerkClient"], From::Packages(&["clerk-sveltekit"]), "afterSignUpUrl", Since::Pkg("clerk-sveltekit", Some((0, 0, 0)), None), "`signUpFallbackRedirectUrl` (and the maintained `svelte-clerk` package)", None, "core-2/nextjs#aftersignxurl-changes"),
    key(&["clerkMiddleware"], From::Modules(&["@clerk/nextjs/server"]), "secretKey", Since::Changed(3), "it with `CLERK_ENCRYPTION_KEY` set as well (a manual step: @clerk/nextjs 7 throws when `secretKey` is passed at runtime without an encryption key)", None, "core-3#nextjs-encryption-key-required"),
    key(&["useOrganizationList"], From::Packages(REACT_SDKS), "organizationList", Since::Core(None, Some(2)), "`userMemberships` (paginated)", None, "core-2/react#useorganizationlist-organizationlist"),
    key(&["useOrganization"], From::Packages(REACT_SDKS), "invitationList", Since::Core(None, Some(2)), "`invitations` (paginated)", None, "core-2/react#useorganization-invitationlist"),
    key(&["useOrganization"], From::Packages(REACT_SDKS), "membershipList", Since::Core(None, Some(2)), "`memberships` (paginated)", None, "core-2/react#useorganization-membershiplist"),
];

#[rustfmt::skip]
pub const PACKAGES: &[PackageRow] = &[
    package("@clerk/clerk-sdk-node", None, "`@clerk/clerk-sdk-node` is no longer supported by Clerk; use `@clerk/express` (or `@clerk/backend`)", "move to `@clerk/express` (`clerkMiddleware()`, `getAuth(req)`); see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-2/node"),
    package("@clerk/remix", None, "`@clerk/remix` is deprecated and no longer receives updates; use `@clerk/react-router`", "Remix apps continue as React Router 7 apps; move to `@clerk/react-router`; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3"),
    package("@clerk/tanstack-start", None, "`@clerk/tanstack-start` was renamed to `@clerk/tanstack-react-start`", "install `@clerk/tanstack-react-start` and change the imports; the old name gets no releases; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3"),
    package("@hono/clerk-auth", None, "`@hono/clerk-auth` is deprecated in favour of Clerk's official `@clerk/hono`", "install `@clerk/hono`: `clerkMiddleware()` and `getAuth(c)` work the same way; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3"),
    package("gatsby-plugin-clerk", None, "`gatsby-plugin-clerk` is no longer maintained by Clerk (removed from its SDKs in 2024)", "use `@clerk/react` in the browser and `@clerk/backend` on the server; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-2"),
    package("@clerk/types", Some(3), "`@clerk/types` is deprecated in Clerk Core 3; use `@clerk/shared/types` or your SDK's types", "import the types from `@clerk/shared/types` (or the `/types` entry of your SDK) and drop the dependency; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3#clerk-types-deprecation"),
    package("@clerk/clerk-react", Some(3), "`@clerk/clerk-react` was renamed to `@clerk/react` in Clerk Core 3, and this app's other Clerk SDKs are on Core 3", "install `@clerk/react` 6 and change the imports; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3#clerk-react-package-rename"),
    package("@clerk/clerk-expo", Some(3), "`@clerk/clerk-expo` was renamed to `@clerk/expo` in Clerk Core 3, and this app's other Clerk SDKs are on Core 3", "install `@clerk/expo` 3 and change the imports; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3#clerk-expo-package-rename"),
    package("@clerk/themes", Some(3), "`@clerk/themes` was replaced by `@clerk/ui` in Clerk Core 3", "install `@clerk/ui` and import the themes from it; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3"),
];

/// The framework versions a Clerk Core needs: (dependency, Clerk SDK, Core, minimum, guide).
/// `clerk-lint upgrade` reports the dependency when the upgrade crosses that Core and the
/// declared range starts below the minimum (clerk-facts §1.4.a `*-min-version`, §1.4.b).
#[rustfmt::skip]
pub const MIN_VERSIONS: &[(&str, &str, u8, super::V, &str)] = &[
    ("next", "@clerk/nextjs", 2, (13, 0, 4), "core-2/nextjs#min-nextjs-version"),
    ("next", "@clerk/nextjs", 3, (15, 2, 3), "core-3#nextjs-min-version"),
    ("react", "@clerk/clerk-react", 2, (18, 0, 0), "core-2/react#min-react-version"),
    ("expo", "@clerk/clerk-expo", 3, (53, 0, 0), "core-3#expo-min-version"),
    ("expo", "@clerk/expo", 3, (53, 0, 0), "core-3#expo-min-version"),
    ("@tanstack/react-start", "@clerk/tanstack-react-start", 3, (1, 157, 0), "core-3#tanstack-start-min-tanstack-version"),
];
