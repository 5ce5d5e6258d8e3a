import { describe, expect, it } from 'vitest';
import { checkLogo, contrastWithWhite, MAX_LOGO_BYTES, readableBrandColour, showableLogo } from '@/server/domain/brand';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
const dataUrl = (type: string, bytes: number[]) => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('brand colour', () => {
  it('measures contrast the way WCAG does', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    // The app's own indigo-600: 6.29 against white.
    expect(contrastWithWhite('#4f46e5')).toBeCloseTo(6.29, 2);
  });

  it('keeps a colour white text is readable on, and drops one it is not', () => {
    expect(readableBrandColour('#0B5FFF')).toBe('#0b5fff');
    expect(readableBrandColour('#767676')).toBe('#767676'); // 4.54: just enough
    expect(readableBrandColour('#777777')).toBeNull(); // 4.48: just too light
    expect(readableBrandColour('#ffd700')).toBeNull();
  });

  it('takes only six-digit hex colours', () => {
    for (const value of ['#fff', 'red', '#12345g', '#0000007', 'rgb(0,0,0)', '#000000;}body{display:none', '', null, undefined]) {
      expect(readableBrandColour(value)).toBeNull();
    }
  });
});

describe('logo', () => {
  it('takes a PNG, JPEG or WebP whose bytes match its type', () => {
    expect(checkLogo(dataUrl('image/png', PNG)).ok).toBe(true);
    expect(checkLogo(dataUrl('image/jpeg', [0xff, 0xd8, 0xff, 0xe0, ...Array<number>(12).fill(0)])).ok).toBe(true);
    const webp = [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')];
    expect(checkLogo(dataUrl('image/webp', webp)).ok).toBe(true);
  });

  it('refuses SVG, a type that lies about its bytes, and anything that is not a base64 data URL', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(checkLogo(`data:image/svg+xml;base64,${svg.toString('base64')}`)).toEqual({ ok: false, problem: 'logoFormat' });
    expect(checkLogo(dataUrl('image/png', [...svg]))).toEqual({ ok: false, problem: 'logoFormat' });
    expect(checkLogo(dataUrl('image/jpeg', PNG))).toEqual({ ok: false, problem: 'logoFormat' });
    expect(checkLogo('https://example.com/logo.png')).toEqual({ ok: false, problem: 'logoFormat' });
    expect(checkLogo(`${dataUrl('image/png', PNG)}"><script>`)).toEqual({ ok: false, problem: 'logoFormat' });
  });

  it('refuses a logo over the size limit, and takes one at it', () => {
    const atLimit = [...PNG, ...Array<number>(MAX_LOGO_BYTES - PNG.length).fill(0)];
    expect(checkLogo(dataUrl('image/png', atLimit)).ok).toBe(true);
    expect(checkLogo(dataUrl('image/png', [...atLimit, 0]))).toEqual({ ok: false, problem: 'logoTooLarge' });
  });

  it('shows a stored logo only while it still passes', () => {
    expect(showableLogo(dataUrl('image/png', PNG))).toBe(dataUrl('image/png', PNG));
    expect(showableLogo('data:image/png;base64,AAAA')).toBeNull();
    expect(showableLogo(null)).toBeNull();
  });
});
