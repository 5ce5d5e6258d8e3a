import { levelStyles, type Level } from '@/components/levels/levels';
import { cn } from '@/lib/cn';

/** One level as the customer reads it on the public page: its number, its name and what it means from their side. */
export function LevelDescription({ level, name, text }: { level: Level; name: string; text: string }) {
  return (
    <>
      <span
        className={cn('inline-flex size-7 shrink-0 items-center justify-center rounded-md text-sm font-semibold', levelStyles[level].solid)}
        aria-hidden
      >
        {level}
      </span>
      <span>
        <span className="block text-sm font-semibold text-slate-900">{name}</span>
        <span className="block text-sm text-slate-700">{text}</span>
      </span>
    </>
  );
}
