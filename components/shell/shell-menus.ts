// The shell's menus, which app-shell.tsx loads in one go once the page has rendered: Radix's menu and
// dialog with their positioning code, about 25 kB gzip that no page needs for its first paint.
export { MobileNav } from './mobile-nav';
export { OrgSwitcher } from './org-switcher';
export { UserMenu } from './user-menu';
