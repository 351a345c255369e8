// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CameraCapture } from './CameraCapture';

function withCamera(getUserMedia: () => Promise<MediaStream>) {
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
}

describe('document camera', () => {
  afterEach(() => {
    cleanup();
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: undefined });
  });

  it('says there is no camera when the machine has none, and cannot shoot', async () => {
    withCamera(() => Promise.reject(new DOMException('none', 'NotFoundError')));
    render(<CameraCapture onCapture={() => undefined} onClose={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toBe('找不到可用的相機。請檢查相機是否已連接。');
    expect((screen.getByRole('button', { name: '拍攝' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says permission was refused when the clerk or policy said no', async () => {
    withCamera(() => Promise.reject(new DOMException('no', 'NotAllowedError')));
    render(<CameraCapture onCapture={() => undefined} onClose={() => undefined} />);
    expect((await screen.findByRole('alert')).textContent).toBe('未獲准使用相機。請在設定中允許本程式使用相機。');
  });

  it('focuses the shutter once live, and Escape closes the camera without reaching the screen behind', async () => {
    const stop = vi.fn();
    withCamera(async () => ({ getTracks: () => [{ stop }] }) as unknown as MediaStream);
    HTMLMediaElement.prototype.play = () => Promise.resolve();
    const onClose = vi.fn();
    const behind = vi.fn();
    window.addEventListener('keydown', behind);
    const { unmount } = render(<CameraCapture onCapture={() => undefined} onClose={onClose} />);
    const shutter = screen.getByRole('button', { name: '拍攝' });
    await act(async () => undefined);
    expect(document.activeElement).toBe(shutter);
    fireEvent.keyDown(shutter, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(behind).not.toHaveBeenCalled();
    window.removeEventListener('keydown', behind);
    // Closing releases the camera (its light goes off).
    unmount();
    expect(stop).toHaveBeenCalled();
  });
});
