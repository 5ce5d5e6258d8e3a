import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { signInWithProvider } from '@/server/auth/server-functions';

/** One button per single sign-on provider switched on in the environment; nothing when there are none. */
export async function SsoButtons({ providers, callbackUrl }: { providers: Array<{ id: string; name: string }>; callbackUrl: string }) {
  if (providers.length === 0) return null;
  const t = await getTranslations('auth');
  return (
    <div className="space-y-3">
      {providers.map((provider) => (
        <form key={provider.id} action={signInWithProvider}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="secondary" size="lg" className="w-full">
            {t('continueWith', { provider: provider.name })}
          </Button>
        </form>
      ))}
      <div className="flex items-center gap-3 text-xs text-slate-500 uppercase">
        <span className="h-px flex-1 bg-slate-200" />
        {t('or')}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
    </div>
  );
}
