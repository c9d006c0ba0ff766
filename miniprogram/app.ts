/**
 * Entry. Reads the inviter from the launch: a poster's short code (`query.scene`, URL-encoded by WeChat) or a share
 * link's `query.inviter`, and calls bindInviter once per code. A refused binding is silent to the shopper.
 */
import { config } from './config';
import { bindFromLaunch } from './services/invite';

export interface IAppOption {
  globalData: { launchedAt: number };
}

App<IAppOption>({
  globalData: { launchedAt: 0 },
  onLaunch(options) {
    this.globalData.launchedAt = Date.now();
    if (!config.useLocalEmulator) wx.cloud.init({ env: config.envId, traceUser: true });
    void bindFromLaunch(options);
  },
  onShow(options) {
    // A hot start from another poster or link carries a new code; the same code is not sent again.
    void bindFromLaunch(options);
  },
});
