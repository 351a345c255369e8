// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({
  cameras: [] as { id: string; label: string }[],
  started: [] as unknown[],
  torch: { supported: false, on: false, applied: [] as boolean[] },
  onSuccess: null as ((text: string) => void) | null,
  options: [] as unknown[],
}));

vi.mock('../../components/qr-read/install-barcode-detector', () => ({ installBarcodeDetector: () => undefined }));
vi.mock('html5-qrcode', () => ({
  Html5QrcodeSupportedFormats: { QR_CODE: 0 },
  Html5Qrcode: class {
    static getCameras = () => Promise.resolve(h.cameras);
    constructor(_id: string, options: unknown) {
      h.options.push(options);
    }
    start(camera: unknown, _config: unknown, onSuccess: (text: string) => void) {
      h.started.push(camera);
      h.onSuccess = onSuccess;
      return Promise.resolve();
    }
    stop() {
      return Promise.resolve();
    }
    getRunningTrackCameraCapabilities() {
      return {
        torchFeature: () => ({
          isSupported: () => h.torch.supported,
          value: () => h.torch.on,
          apply: (v: boolean) => {
            h.torch.applied.push(v);
            h.torch.on = v;
            return Promise.resolve();
          },
        }),
      };
    }
  },
}));

import { CAMERA_CHOICE_KEY, QrCamera } from './QrCamera';

describe('security-code camera', () => {
  beforeEach(() => {
    h.cameras = [
      { id: 'cam-a', label: 'Integrated webcam' },
      { id: 'cam-b', label: 'Document camera' },
    ];
    h.started = [];
    h.options = [];
    h.torch = { supported: false, on: false, applied: [] };
    localStorage.clear();
  });
  afterEach(cleanup);

  it('decodes through html5-qrcode with its BarcodeDetector path on, and hands over the text once', async () => {
    const onResult = vi.fn();
    render(<QrCamera onResult={onResult} label="camera" />);
    await screen.findByRole('combobox', { name: '相機' });
    await act(async () => undefined);
    expect(h.options.at(-1)).toMatchObject({ useBarCodeDetectorIfSupported: true });
    act(() => {
      h.onSuccess?.('85301');
      h.onSuccess?.('85301');
    });
    expect(onResult).toHaveBeenCalledTimes(1);
    expect(onResult.mock.calls[0]![0]).toBe('85301');
  });

  it('opens the camera chosen last on this workstation, and remembers a new choice', async () => {
    localStorage.setItem(CAMERA_CHOICE_KEY, 'cam-b');
    render(<QrCamera onResult={() => undefined} label="camera" />);
    const select = (await screen.findByRole('combobox', { name: '相機' })) as HTMLSelectElement;
    await act(async () => undefined);
    expect(select.value).toBe('cam-b');
    expect(h.started.at(-1)).toEqual({ deviceId: { exact: 'cam-b' } });
    fireEvent.change(select, { target: { value: 'cam-a' } });
    await act(async () => undefined);
    expect(localStorage.getItem(CAMERA_CHOICE_KEY)).toBe('cam-a');
    expect(h.started.at(-1)).toEqual({ deviceId: { exact: 'cam-a' } });
  });

  it('falls back to the first camera when the remembered one is unplugged', async () => {
    localStorage.setItem(CAMERA_CHOICE_KEY, 'cam-gone');
    render(<QrCamera onResult={() => undefined} label="camera" />);
    await screen.findByRole('combobox', { name: '相機' });
    await act(async () => undefined);
    expect(h.started.at(-1)).toEqual({ deviceId: { exact: 'cam-a' } });
  });

  it('offers the torch only where the camera has one, as a toggle', async () => {
    render(<QrCamera onResult={() => undefined} label="camera" />);
    await screen.findByRole('combobox', { name: '相機' });
    await act(async () => undefined);
    expect(screen.queryByRole('button', { name: '補光燈' })).toBeNull();
    cleanup();
    h.torch.supported = true;
    render(<QrCamera onResult={() => undefined} label="camera" />);
    const torch = await screen.findByRole('button', { name: '補光燈' });
    expect(torch.getAttribute('aria-pressed')).toBe('false');
    await act(async () => fireEvent.click(torch));
    expect(h.torch.applied).toEqual([true]);
    expect(torch.getAttribute('aria-pressed')).toBe('true');
  });

  it('says so when there is no camera (the wedge scanner still works)', async () => {
    h.cameras = [];
    render(<QrCamera onResult={() => undefined} label="camera" />);
    expect((await screen.findByRole('alert')).textContent).toContain('無法開啟相機');
  });
});
