import Link from 'next/link';

/** The Rung mark: three rising rungs. */
export function Logo({ href = '/' }: { href?: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900">
      <svg viewBox="0 0 24 24" className="size-7" aria-hidden>
        <rect width="24" height="24" rx="6" className="fill-brand-600" />
        <path d="M6 17h4M10 12.5h4M14 8h4" stroke="white" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      Rung
    </Link>
  );
}
