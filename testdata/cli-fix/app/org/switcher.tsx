"use client";
import { OrganizationSwitcher } from "@clerk/nextjs";

export function Switcher() {
  return <OrganizationSwitcher afterSwitchOrganizationUrl="/org/:slug" hidePersonal />;
}
