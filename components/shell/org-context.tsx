'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Role } from '@/server/inputs/common';
import { hasRole } from '@/server/domain/roles';

export interface CurrentOrg {
  slug: string;
  name: string;
  role: Role;
}

const OrgContext = createContext<CurrentOrg | null>(null);

export function OrgProvider({ org, children }: { org: CurrentOrg; children: ReactNode }) {
  return <OrgContext.Provider value={org}>{children}</OrgContext.Provider>;
}

/** The organization in the URL and the caller's role in it. The server enforces roles; this only hides what would be refused. */
export function useOrg() {
  const org = useContext(OrgContext);
  if (!org) throw new Error('useOrg must be used inside an organization page');
  return { ...org, can: (role: Role) => hasRole(org.role, role) };
}
