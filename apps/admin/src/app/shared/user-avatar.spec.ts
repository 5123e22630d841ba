import { TestBed } from '@angular/core/testing';
import { initialsOf, UserAvatar } from './user-avatar';

describe('UserAvatar', () => {
  it('shows the picture, and the initials once the picture fails to load', async () => {
    const fixture = TestBed.createComponent(UserAvatar);
    fixture.componentRef.setInput('name', 'Ada Lovelace');
    fixture.componentRef.setInput('picture', 'https://example.com/ada.png');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const img = element.querySelector('img');
    expect(img?.getAttribute('src')).toBe('https://example.com/ada.png');

    img?.dispatchEvent(new Event('error'));
    await fixture.whenStable();
    expect(element.querySelector('img')).toBeNull();
    expect(element.textContent?.trim()).toBe('AL');
  });

  it('makes initials from the first and last word', () => {
    expect(initialsOf('ada')).toBe('A');
    expect(initialsOf('  Grace Brewster Hopper ')).toBe('GH');
    expect(initialsOf('')).toBe('?');
  });
});
