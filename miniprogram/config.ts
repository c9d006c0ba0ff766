/**
 * The one switch. `useLocalEmulator: false` → `wx.cloud.callFunction` against the CloudBase environment `envId`;
 * `true` → `wx.request` to the local emulator (`npm start` at the repo root) as the test identity `localOpenid`.
 * In local mode tick "不校验合法域名" in WeChat DevTools (the emulator is plain http on 127.0.0.1).
 */
export interface AppConfig {
  useLocalEmulator: boolean;
  emulatorUrl: string;
  /** The mini program user the emulator runs functions as (local mode only; production identity is the platform's). */
  localOpenid: string;
  envId: string;
}

export const config: AppConfig = {
  useLocalEmulator: false,
  emulatorUrl: 'http://127.0.0.1:9100',
  localOpenid: 'o-demo-shopper',
  envId: 'your-cloudbase-env-id',
};
