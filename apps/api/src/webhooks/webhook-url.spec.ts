import { ValidationError } from '../common/errors';
import { checkWebhookUrl } from './webhook-url';

describe('checkWebhookUrl', () => {
  it('accepts a public https URL and normalises it', () => {
    expect(checkWebhookUrl(' https://Hooks.Example.com/vip?x=1 ', false)).toBe('https://hooks.example.com/vip?x=1');
  });

  it.each([
    ['http://hooks.example.com/', /https/],
    ['ftp://hooks.example.com/', /https/],
    ['hooks.example.com', /absolute/],
    ['https://user:pass@hooks.example.com/', /user name or password/],
    ['https://hooks.example.com/#top', /fragment/],
    ['https://localhost/', /loopback/],
    ['https://app.localhost/', /loopback/],
    ['https://127.0.0.1/', /loopback/],
    ['https://[::ffff:127.0.0.1]/', /loopback/],
    ['https://[fe80::1]/', /link-local/],
    ['https://169.254.169.254/', /link-local/],
    ['https://10.0.0.8/', /private/],
  ])('refuses %s', (url, message) => {
    expect(() => checkWebhookUrl(url, false)).toThrow(ValidationError);
    expect(() => checkWebhookUrl(url, false)).toThrow(message);
  });

  it('accepts http:// and private addresses when private networks are allowed, still no credentials', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true)).toBe('http://127.0.0.1:8080/hook');
    expect(checkWebhookUrl('https://localhost/', true)).toBe('https://localhost/');
    expect(() => checkWebhookUrl('http://a:b@127.0.0.1/', true)).toThrow(/user name/);
    expect(() => checkWebhookUrl('ftp://127.0.0.1/', true)).toThrow(/http/);
  });
});
