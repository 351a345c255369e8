import { describe, expect, it } from 'vitest';
import { decidePermission, installPermissionGuard, type PermissionSession } from './permission-guard';

const APP = 'app://counterdesk/index.html';

describe('decidePermission', () => {
  it.each([
    ['camera for our page', { permission: 'media', origin: APP, mediaTypes: ['video'], isMainFrame: true }, true],
    ['camera, origin form', { permission: 'media', origin: 'app://counterdesk', mediaTypes: ['video'] }, true],
    ['camera and microphone', { permission: 'media', origin: APP, mediaTypes: ['video', 'audio'], isMainFrame: true }, false],
    ['microphone only', { permission: 'media', origin: APP, mediaTypes: ['audio'], isMainFrame: true }, false],
    ['media of unknown kind', { permission: 'media', origin: APP, mediaTypes: ['unknown'] }, false],
    ['media without device list', { permission: 'media', origin: APP, mediaTypes: [], isMainFrame: true }, false],
    ['camera from a sub-frame', { permission: 'media', origin: APP, mediaTypes: ['video'], isMainFrame: false }, false],
    ['camera for another site', { permission: 'media', origin: 'https://evil.example', mediaTypes: ['video'] }, false],
    ['camera for the harness origin', { permission: 'media', origin: 'http://127.0.0.1:5173', mediaTypes: ['video'] }, false],
    ['camera for file://', { permission: 'media', origin: 'file:///index.html', mediaTypes: ['video'] }, false],
    ['camera for a look-alike app host', { permission: 'media', origin: 'app://counterdesk.evil', mediaTypes: ['video'] }, false],
    ['geolocation', { permission: 'geolocation', origin: APP }, false],
    ['notifications', { permission: 'notifications', origin: APP }, false],
    ['clipboard read', { permission: 'clipboard-read', origin: APP }, false],
    ['display capture', { permission: 'display-capture', origin: APP }, false],
    ['open external', { permission: 'openExternal', origin: APP }, false],
    ['HID', { permission: 'hid', origin: APP }, false],
    ['fullscreen', { permission: 'fullscreen', origin: APP }, false],
  ])('%s', (_name, query, expected) => {
    expect(decidePermission(query)).toBe(expected);
  });
});

describe('installPermissionGuard', () => {
  it('answers requests, checks and device requests through the same rule', () => {
    const set: {
      request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
      check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
      device?: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
    } = {};
    installPermissionGuard({
      setPermissionRequestHandler: (h) => (set.request = h),
      setPermissionCheckHandler: (h) => (set.check = h),
      setDevicePermissionHandler: (h) => (set.device = h),
    });
    const { request, check, device } = set;
    if (!request || !check || !device) throw new Error('a handler was not installed');
    const answers: boolean[] = [];
    request(null, 'media', (g: boolean) => answers.push(g), { requestingUrl: APP, isMainFrame: true, mediaTypes: ['video'] });
    request(null, 'media', (g: boolean) => answers.push(g), { requestingUrl: APP, isMainFrame: true, mediaTypes: ['audio'] });
    request(null, 'geolocation', (g: boolean) => answers.push(g), { requestingUrl: APP, isMainFrame: true });
    expect(answers).toEqual([true, false, false]);
    expect(check(null, 'media', 'app://counterdesk', { mediaType: 'video', isMainFrame: true })).toBe(true);
    expect(check(null, 'media', 'app://counterdesk', { mediaType: 'audio', isMainFrame: true })).toBe(false);
    expect(check(null, 'media', 'https://evil.example', { mediaType: 'video', isMainFrame: true })).toBe(false);
    expect(check(null, 'notifications', 'app://counterdesk', { isMainFrame: true })).toBe(false);
    expect(device({ deviceType: 'usb', origin: 'app://counterdesk' })).toBe(false);
  });
});
