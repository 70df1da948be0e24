//! The names Clerk Cores removed, renamed or changed that are matched where they are used
//! rather than by import: resource properties and methods (the Core 2 image and pagination
//! changes, `__unstable_*`, SAML), appearance and localization keys, option keys and strategy
//! strings (clerk-facts §1.4.a, §1.4.b). One group per change; see [`super::NameGroup`].

use super::localization::{CHANGED_LOCALIZATION_KEYS, REMOVED_LOCALIZATION_KEYS};
use super::{Change, NameGroup, Site};

/// Builds a group; the table below stays one line per change.
const fn group(
    site: Site,
    names: &'static [&'static str],
    core: u8,
    change: Change,
    instead: &'static str,
    guide: &'static str,
) -> NameGroup {
    NameGroup {
        site,
        names,
        core,
        change,
        instead,
        guide,
    }
}

use Change::{Changed, Removed, Renamed};
use Site::{Key, Member, Word};

/// Every group. The first group that matches a name wins, so specific names come before the
/// prefixes that would also match them (`__unstable__invitationUpdate` before `__unstable_*`).
#[rustfmt::skip]
pub const NAMES: &[NameGroup] = &[
    // Core 2: resources (`core-2/*/…-imageurl`, `setsession`, …).
    group(Member, &["profileImageUrl", "profile_image_url"], 2, Renamed, "use `imageUrl`", "core-2/react#user-profileimageurl"),
    group(Member, &["logoUrl", "logo_url"], 2, Renamed, "use `imageUrl`", "core-2/react#organization-logourl"),
    group(Member, &["avatarUrl", "avatar_url"], 2, Renamed, "use `imageUrl`", "core-2/react#externalaccount-avatarurl"),
    group(Member, &["members_count"], 2, Renamed, "use `membersCount`", "core-2/backend#members-count"),
    group(Member, &["setSession"], 2, Renamed, "use `setActive()`", "core-2/react#setsession"),
    group(Member, &["handleMagicLinkVerification"], 2, Renamed, "use `handleEmailLinkVerification()`", "core-2/react#handlemagiclinkverification"),
    group(Member, &["getPendingInvitations"], 2, Removed, "use `getInvitations({ status: 'pending' })`", "core-2/react#organization-getpendinginvitations"),
    group(Member, &["supported_external_accounts"], 2, Removed, "read the enabled strategies from the environment instead", "core-2/react#supported-external-accounts-removed"),
    group(Member, &["lastOrganizationInvitation", "lastOrganizationMember"], 2, Removed, "read invitations and members from the organization resource", "core-2/javascript#lastorganizationinvitation-member"),
    group(Member, &["redirectToHome"], 2, Removed, "redirect with your router (or `redirectToAfterSignIn()`)", "core-2/javascript#redirecttohome"),
    group(Member, &["experimental_canUseCaptcha", "experimental_captchaSiteKey", "experimental_captchaURL"], 2, Removed, "drop it: Clerk handles the captcha", "core-2/javascript#experimental-canusecaptcha"),
    group(Member, &["__unstable__invitationUpdate", "__unstable__membershipUpdate", "__unstable_options"], 2, Removed, "drop it: the unstable API is gone", "core-2/javascript#unstable-invitationupdate"),
    group(Member, &["getRequestUrl"], 2, Removed, "build the URL from the request yourself", "core-2/backend#getrequesturl"),
    group(Member, &["orgRole", "org_role"], 2, Changed, "type it as `OrganizationCustomRoleKey` (the `MembershipRole` type is gone)", "core-2/backend#membershiprole"),
    // Core 2: paginated Backend and Frontend API lists.
    group(Member, &["getUserList", "getAllowlistIdentifierList", "getClientList", "getInvitationList", "getOrganizationInvitationList", "getOrganizationList", "getOrganizationMembershipList", "getRedirectUrlList", "getSessionList", "getUserOauthAccessToken"], 2, Changed, "read the list from `.data` (it returns `{ data, totalCount }`)", "core-2/backend#getuserlist-return-signature"),
    group(Member, &["getDomains", "getInvitations", "getMembershipRequests", "getMemberships", "getRoles", "getOrganizationInvitations", "getOrganizationMemberships", "getOrganizationSuggestions"], 2, Changed, "pass `{ initialPage, pageSize }` and read `.data` (paginated arguments and result)", "core-2/react#organization-getmemberships-arguments-changed"),
    // Core 2: appearance (`elements` and `variables` keys) and options.
    group(Key, &["elements.headerBackIcon", "elements.headerBackRow", "elements.headerBackLink"], 2, Removed, "use the new `backLink` ids of the alternative-methods page", "core-2/react#alternativemethods-backlink"),
    group(Key, &["elements.organizationPreview__organizationSwitcher"], 2, Renamed, "use `organizationPreview__organizationSwitcherTrigger`", "core-2/react#appearance-organizationpreview-organizationswitcher"),
    group(Key, &["elements.button"], 2, Renamed, "use `organizationListCreateOrganizationActionButton`", "core-2/react#button-to-organizationlistcreateorganizationactionbutton"),
    group(Key, &["elements.card"], 2, Changed, "check the styles: `card` now wraps a different part of each component", "core-2/react#card-changes"),
    group(Key, &["elements.organizationSwitcherPopoverActionButtonText*", "elements.userButtonPopoverActionButtonText*", "elements.identityPreviewAvatarBox", "elements.identityPreviewAvatarImage", "elements.socialButtonsBlockButtonArrow"], 2, Removed, "style the element that replaced it (see the guide)", "core-2/react#userbuttonpopoveractionbuttontext-removed"),
    group(Key, &["elements.userButtonTrigger", "elements.userButtonBox"], 2, Changed, "check the styles: `userButtonBox` is now inside `userButtonTrigger`", "core-2/react#userbuttontrigger-userbuttonbox-invert"),
    group(Key, &["variables.fontSmoothing", "variables.shadowShimmer", "variables.colorAlphaShade"], 2, Removed, "drop it (see the guide for the replacement variables)", "core-2/react#appearance-variables-breaking-changes"),
    group(Key, &["clockSkewInSeconds"], 2, Renamed, "use `clockSkewInMs` (milliseconds)", "core-2/backend#clockskewinseconds"),
    group(Key, &["httpOptions"], 2, Removed, "pass the options to `createClerkClient()`", "core-2/backend#httpoptions-removed"),
    group(Key, &["update().password"], 2, Removed, "use `user.updatePassword({ currentPassword, newPassword })` (it needs the current password)", "core-2/javascript#user-update-password"),
    group(Key, &["createExternalAccount().redirect_url"], 2, Renamed, "use `redirectUrl`", "core-2/javascript#user-createexternalaccount-redirecturl"),
    group(Key, &["authenticateRequest().request"], 2, Changed, "pass the request as the first argument: `authenticateRequest(request, options)`", "core-2/backend#authenticaterequest-params-change"),
    group(Key, &["generatedSignature"], 2, Renamed, "use `signature`", "core-2/javascript#signup-attemptweb3walletverification-generatedsignature"),
    group(Key, REMOVED_LOCALIZATION_KEYS, 2, Removed, "drop the override or move it to the key that replaced it", "core-2/react#removed-localization-keys"),
    group(Key, CHANGED_LOCALIZATION_KEYS, 2, Changed, "check that the override still fits the new default text", "core-2/react#changed-localization-keys"),
    // Core 3.
    group(Member, &["activeSessions"], 3, Removed, "use `client.sessions` (or `signedInSessions`)", "core-3#client-active-sessions-removed"),
    group(Member, &["samlAccount", "samlAccounts"], 3, Renamed, "use `enterpriseAccount` / `enterpriseAccounts`", "core-3#saml-account-renamed"),
    group(Member, &["saml"], 3, Renamed, "use `enterpriseSSO` on the user settings", "core-3#user-settings-saml-renamed"),
    group(Word, &["saml"], 3, Renamed, "use the `'enterprise_sso'` strategy", "core-3#saml-to-enterprise-sso"),
    group(Member, &["__unstable_manageBilling*"], 3, Removed, "drop it: billing is configured in the Clerk Dashboard", "core-3#billing-props-removed"),
    group(Key, &["__unstable_manageBilling*"], 3, Removed, "drop it: billing is configured in the Clerk Dashboard", "core-3#billing-props-removed"),
    group(Member, &["__unstable_*"], 3, Renamed, "use the `__internal_` name (or the stable API)", "core-3#unstable-to-internal"),
    group(Member, &["__experimental_createTheme", "experimental_createTheme"], 3, Renamed, "import `createTheme` from `@clerk/ui/themes/experimental`", "core-3#ui-themes-export-path"),
    group(Member, &["__experimental_simple", "experimental__simple"], 3, Removed, "use `appearance={{ theme: 'simple' }}`", "core-3#simple-theme-usage-changed"),
    group(Member, &["experimental__*", "experimental_*"], 3, Renamed, "use the `__experimental_` name", "core-3#experimental-prefix-aligned"),
    group(Member, &["getToken"], 3, Changed, "handle `ClerkOfflineError` (it throws when offline) and a token during SSR; tokens now refresh in the background", "core-3#gettoken-offline-error"),
    group(Word, &["ClerkApiError"], 3, Changed, "compare with `'ClerkAPIError'`: `ClerkAPIError.kind` now matches the class name", "core-3#clerk-api-error-kind-added"),
    group(Key, &["appearance.layout"], 3, Renamed, "use `appearance.options`", "core-3#appearance-layout-to-options"),
    group(Key, &["variables.colorRing", "variables.colorModalBackdrop"], 3, Changed, "give the colour its own opacity: it now renders at full opacity", "core-3#color-ring-backdrop-opacity"),
    group(Key, &["showOptionalFields"], 3, Changed, "set it explicitly: it now defaults to `false`", "core-3#show-optional-fields-default"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        let find = |site: Site, used: &str| {
            NAMES
                .iter()
                .filter(|g| g.site == site)
                .find_map(|g| g.matches(used).map(|n| (n, g.core)))
        };
        // Paths match at a key boundary, prefixes at the last key.
        assert_eq!(
            find(Key, "appearance.elements.card"),
            Some(("elements.card", 2))
        );
        assert_eq!(find(Key, "elements.cardx"), None);
        assert_eq!(find(Key, "xelements.card"), None);
        assert_eq!(
            find(Key, "localization.signIn.start.title"),
            Some(("signIn.start.title", 2))
        );
        assert_eq!(find(Key, "title"), None);
        assert_eq!(
            find(Key, "__unstable_manageBillingUrl"),
            Some(("__unstable_manageBilling*", 3))
        );
        // Specific names before the prefixes that also match them.
        assert_eq!(
            find(Member, "__unstable__invitationUpdate"),
            Some(("__unstable__invitationUpdate", 2))
        );
        assert_eq!(
            find(Member, "__unstable__environment"),
            Some(("__unstable_*", 3))
        );
        assert_eq!(
            find(Member, "experimental_canUseCaptcha"),
            Some(("experimental_canUseCaptcha", 2))
        );
        assert_eq!(find(Member, "__experimental_foo"), None);
        assert_eq!(find(Word, "saml"), Some(("saml", 3)));
        assert_eq!(find(Word, "ClerkApiError"), Some(("ClerkApiError", 3)));
        assert_eq!(find(Word, "ClerkAPIError"), None);
        // Option keys of a few methods' first argument carry the method (`update().password`).
        assert_eq!(
            find(Key, "update().password"),
            Some(("update().password", 2))
        );
        assert_eq!(find(Key, "password"), None);
        assert_eq!(find(Key, "create().password"), None);
        assert_eq!(
            find(Key, "createExternalAccount().redirect_url"),
            Some(("createExternalAccount().redirect_url", 2))
        );
        assert_eq!(
            find(Key, "authenticateRequest().request"),
            Some(("authenticateRequest().request", 2))
        );
        assert_eq!(find(Word, "enterprise_sso"), None);
        // Every group has names, a guide anchor and an imperative hint without a final period.
        for g in NAMES {
            assert!(!g.names.is_empty() && !g.guide.is_empty());
            assert!(!g.instead.ends_with('.'), "{}", g.instead);
        }
        assert!(REMOVED_LOCALIZATION_KEYS.len() + CHANGED_LOCALIZATION_KEYS.len() >= 130);
    }
}
